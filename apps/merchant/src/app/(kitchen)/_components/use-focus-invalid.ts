"use client";
// After a refused save, put the keyboard (and the scrolled view) on the first field that needs
// fixing: in a long form on a tablet the message under it may be out of sight.
import { useEffect, useRef } from "react";

export function useFocusFirstInvalid(trigger: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!trigger) return;
    const field = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
    field?.scrollIntoView({ block: "center" });
  }, [trigger]);
  return ref;
}
