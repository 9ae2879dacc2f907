"use client";
// The sign-in, sign-up, application and password forms, without any idea of how an account is
// checked: each takes an async handler and shows what it answers (a message for the form,
// errors per field). The portals wire the handlers to next-auth and the API.
import type { FormEvent, ReactNode, RefObject } from "react";
import { useEffect, useRef, useState } from "react";

import { Button, Divider, Field, FormAlert, linkClass, PasswordField, SelectField } from "./form";

export type TFieldErrors = Record<string, string[] | undefined>;
export type TFormResult =
  | { ok: true; message?: ReactNode }
  | { ok: false; message?: ReactNode; fieldErrors?: TFieldErrors };

type THandler<T> = (values: T) => Promise<TFormResult>;

function useSubmit<T>(handler: THandler<T>, formRef?: RefObject<HTMLFormElement | null>) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<TFormResult | null>(null);
  async function submit(values: T) {
    setPending(true);
    setResult(null);
    let r: TFormResult;
    try {
      r = await handler(values);
    } catch {
      r = { ok: false, message: "Something went wrong. Please try again." };
    }
    setResult(r);
    setPending(false);
    return r;
  }
  const fieldError = (name: string) =>
    result && !result.ok ? (result.fieldErrors?.[name]?.[0] ?? null) : null;
  // After a refusal that names fields, focus goes to the first one: its label and error are read.
  useEffect(() => {
    if (result && !result.ok && result.fieldErrors) {
      formRef?.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [result, formRef]);
  return { pending, result, submit, fieldError };
}

const formValues = (e: FormEvent<HTMLFormElement>) => {
  e.preventDefault();
  return Object.fromEntries(
    [...new FormData(e.currentTarget).entries()].map(([k, v]) => [k, String(v)]),
  );
};

function ResultAlert({ result }: { result: TFormResult | null }) {
  if (!result?.message) return null;
  // With field errors, focus belongs to the first bad field; the alert is still announced.
  const toFields = !result.ok && !!result.fieldErrors;
  return (
    <FormAlert tone={result.ok ? "success" : "error"} autoFocus={!toFields}>
      {result.message}
    </FormAlert>
  );
}

/** "Check your inbox" once a request has been taken. */
export function CheckInbox({ email, children }: { email: string; children?: ReactNode }) {
  return (
    <FormAlert tone="success" title="Check your inbox">
      <p>
        We&apos;ve sent an email to <strong className="break-all">{email}</strong>.{" "}
        {children ?? "Follow the link in it to continue."}
      </p>
      <p className="mt-2 text-emerald-800">
        Nothing there after a few minutes? Look in your spam folder, or try again.
      </p>
    </FormAlert>
  );
}

export function SignInForm({
  defaultEmail = "",
  notice,
  onPassword,
  onMagicLink,
  forgotPasswordHref,
}: {
  defaultEmail?: string;
  /** Shown above the form, e.g. why the visitor was signed out. */
  notice?: ReactNode;
  onPassword: THandler<{ email: string; password: string }>;
  onMagicLink?: THandler<{ email: string }>;
  forgotPasswordHref: string;
}) {
  const [email, setEmail] = useState(defaultEmail);
  const formRef = useRef<HTMLFormElement>(null);
  const password = useSubmit(onPassword, formRef);
  const link = useSubmit(onMagicLink ?? (async () => ({ ok: false })));
  const busy = password.pending || link.pending;
  // A successful password sign-in navigates away; keep saying so until it does.
  const signingIn = password.pending || (password.result?.ok ?? false);
  const shown = link.result ?? password.result;
  const emailError = password.fieldError("email") ?? link.fieldError("email");
  const linkResult = link.result;
  useEffect(() => {
    if (linkResult && !linkResult.ok && linkResult.fieldErrors) {
      formRef.current?.querySelector<HTMLElement>('input[name="email"]')?.focus();
    }
  }, [linkResult, formRef]);

  return (
    <div className="space-y-5">
      {notice && !shown ? (
        <FormAlert tone="info" autoFocus={false}>
          {notice}
        </FormAlert>
      ) : null}
      {shown && !(shown.ok && shown === password.result) ? <ResultAlert result={shown} /> : null}
      <form
        ref={formRef}
        className="space-y-5"
        noValidate
        onSubmit={(e) => {
          const v = formValues(e);
          void password.submit({ email: v.email ?? "", password: v.password ?? "" });
        }}
      >
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={emailError}
        />
        <div>
          <PasswordField
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            error={password.fieldError("password")}
          />
          <p className="mt-2 text-right text-sm">
            <a href={forgotPasswordHref} className={linkClass}>
              Forgot your password?
            </a>
          </p>
        </div>
        <Button type="submit" pending={signingIn} pendingLabel="Signing in…" disabled={busy}>
          Sign in
        </Button>
      </form>
      {onMagicLink ? (
        <>
          <Divider>or</Divider>
          <Button
            type="button"
            variant="secondary"
            pending={link.pending}
            pendingLabel="Sending…"
            disabled={busy}
            onClick={() => void link.submit({ email })}
          >
            Email me a sign-in link
          </Button>
          <p className="text-center text-sm text-slate-600">
            No password needed: we&apos;ll send a link that signs you in once.
          </p>
        </>
      ) : null}
    </div>
  );
}

/** One email address in, one email out: magic links and password-reset requests. */
export function EmailRequestForm({
  defaultEmail = "",
  submitLabel,
  pendingLabel = "Sending…",
  hint,
  onSubmit,
  sentMessage,
}: {
  defaultEmail?: string;
  submitLabel: string;
  pendingLabel?: string;
  hint?: ReactNode;
  onSubmit: THandler<{ email: string }>;
  sentMessage?: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const s = useSubmit(onSubmit, formRef);
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <div className="space-y-5">
      {sentTo ? (
        <CheckInbox email={sentTo}>{sentMessage}</CheckInbox>
      ) : (
        <ResultAlert result={s.result} />
      )}
      <form
        className="space-y-5"
        noValidate
        onSubmit={(e) => {
          const v = formValues(e);
          void s
            .submit({ email: v.email ?? "" })
            .then((r) => setSentTo(r.ok ? (v.email ?? "") : null));
        }}
      >
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={defaultEmail}
          hint={hint}
          error={s.fieldError("email")}
        />
        <Button type="submit" pending={s.pending} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      </form>
    </div>
  );
}

export function NewPasswordForm({
  email,
  onSubmit,
  done,
}: {
  email: string;
  onSubmit: THandler<{ password: string }>;
  /** Shown instead of the form once the password has changed. */
  done: ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const s = useSubmit(onSubmit, formRef);
  if (s.result?.ok) return <div className="space-y-5">{done}</div>;
  return (
    <div className="space-y-5">
      <ResultAlert result={s.result} />
      <form
        ref={formRef}
        className="space-y-5"
        noValidate
        onSubmit={(e) => void s.submit({ password: formValues(e).password ?? "" })}
      >
        <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
        <PasswordField
          label="New password"
          name="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters. A few unrelated words make a strong, memorable password."
          error={s.fieldError("password") ?? s.fieldError("token")}
        />
        <Button type="submit" pending={s.pending} pendingLabel="Saving…">
          Save new password
        </Button>
      </form>
    </div>
  );
}

export type TSignUpValues = { name: string; email: string; password: string };

function AccountFields({
  fieldError,
  nameLabel = "Your name",
}: {
  fieldError: (n: string) => string | null;
  nameLabel?: string;
}) {
  return (
    <>
      <Field
        label={nameLabel}
        name="name"
        autoComplete="name"
        required
        error={fieldError("name")}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        hint="We'll send a link to confirm it's yours."
        error={fieldError("email")}
      />
      <PasswordField
        label="Password"
        name="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters. A few unrelated words make a strong, memorable password."
        error={fieldError("password")}
      />
    </>
  );
}

/** A form that turns into "check your inbox" once accepted. */
function RegistrationForm<T>({
  onSubmit,
  toValues,
  submitLabel,
  pendingLabel,
  sentMessage,
  children,
}: {
  onSubmit: THandler<T>;
  toValues: (v: Record<string, string>) => T;
  submitLabel: string;
  pendingLabel: string;
  sentMessage: ReactNode;
  children: (fieldError: (n: string) => string | null) => ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const s = useSubmit(onSubmit, formRef);
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) return <CheckInbox email={sentTo}>{sentMessage}</CheckInbox>;
  return (
    <div className="space-y-5">
      <ResultAlert result={s.result} />
      <form
        ref={formRef}
        className="space-y-5"
        noValidate
        onSubmit={(e) => {
          const v = formValues(e);
          void s.submit(toValues(v)).then((r) => setSentTo(r.ok ? (v.email ?? "") : null));
        }}
      >
        {children(s.fieldError)}
        <Button type="submit" pending={s.pending} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      </form>
    </div>
  );
}

export function SignUpForm({ onSubmit }: { onSubmit: THandler<TSignUpValues> }) {
  return (
    <RegistrationForm
      onSubmit={onSubmit}
      toValues={(v) => ({ name: v.name ?? "", email: v.email ?? "", password: v.password ?? "" })}
      submitLabel="Create account"
      pendingLabel="Creating your account…"
      sentMessage="Follow the link in it to confirm your address and sign in."
    >
      {(fieldError) => <AccountFields fieldError={fieldError} />}
    </RegistrationForm>
  );
}

export type TCourierApplicationValues = TSignUpValues & { phone: string; vehicle: string };

export function CourierApplicationForm({
  vehicles,
  onSubmit,
}: {
  vehicles: { value: string; label: string }[];
  onSubmit: THandler<TCourierApplicationValues>;
}) {
  return (
    <RegistrationForm
      onSubmit={onSubmit}
      toValues={(v) => ({
        name: v.name ?? "",
        email: v.email ?? "",
        password: v.password ?? "",
        phone: v.phone ?? "",
        vehicle: v.vehicle ?? "",
      })}
      submitLabel="Send application"
      pendingLabel="Sending your application…"
      sentMessage="Confirm your address with the link in it. We then review your application — usually within two working days — and email you when you can start."
    >
      {(fieldError) => (
        <>
          <AccountFields fieldError={fieldError} />
          <Field
            label="Mobile phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required
            hint="For urgent questions during a delivery."
            error={fieldError("phone")}
          />
          <SelectField
            label="How will you deliver?"
            name="vehicle"
            required
            defaultValue=""
            error={fieldError("vehicle")}
          >
            <option value="" disabled>
              Choose a vehicle
            </option>
            {vehicles.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </RegistrationForm>
  );
}

export type TMerchantApplicationValues = TSignUpValues & {
  phone: string;
  restaurantName: string;
  address: string;
  location: string;
};

function LocationField({ error }: { error: string | null }) {
  const [value, setValue] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const locate = () => {
    if (!("geolocation" in navigator)) {
      setStatus("This browser can't share its location; type the coordinates instead.");
      return;
    }
    setStatus("Finding you…");
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setValue(`${p.coords.latitude.toFixed(6)}, ${p.coords.longitude.toFixed(6)}`);
        setStatus("Location filled in from this device.");
      },
      () => setStatus("We couldn't get your location; type the coordinates instead."),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  return (
    <div>
      <Field
        label="Location (latitude, longitude)"
        name="location"
        inputMode="decimal"
        required
        placeholder="38.7139, -9.1393"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        hint="Where couriers pick up. Standing in the restaurant? Use your current location."
        error={error}
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button type="button" onClick={locate} className={`text-sm ${linkClass}`}>
          Use my current location
        </button>
        <span role="status" className="text-sm text-slate-600">
          {status}
        </span>
      </div>
    </div>
  );
}

export function MerchantApplicationForm({
  onSubmit,
}: {
  onSubmit: THandler<TMerchantApplicationValues>;
}) {
  return (
    <RegistrationForm
      onSubmit={onSubmit}
      toValues={(v) => ({
        name: v.name ?? "",
        email: v.email ?? "",
        password: v.password ?? "",
        phone: v.phone ?? "",
        restaurantName: v.restaurantName ?? "",
        address: v.address ?? "",
        location: v.location ?? "",
      })}
      submitLabel="Send application"
      pendingLabel="Sending your application…"
      sentMessage="Confirm your address with the link in it. We then check your restaurant — usually within two working days — and email you when it's live."
    >
      {(fieldError) => (
        <>
          <fieldset className="space-y-5">
            <legend className="mb-3 text-base font-semibold text-slate-900">Your restaurant</legend>
            <Field
              label="Restaurant name"
              name="restaurantName"
              autoComplete="organization"
              required
              error={fieldError("restaurantName")}
            />
            <Field
              label="Street address"
              name="address"
              autoComplete="street-address"
              required
              error={fieldError("address")}
            />
            <LocationField
              error={fieldError("location") ?? fieldError("lat") ?? fieldError("lng")}
            />
            <Field
              label="Restaurant phone"
              name="phone"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              required
              error={fieldError("phone")}
            />
          </fieldset>
          <fieldset className="space-y-5 border-t border-slate-200 pt-5">
            <legend className="mb-3 pt-5 text-base font-semibold text-slate-900">
              Your account
            </legend>
            <AccountFields fieldError={fieldError} />
          </fieldset>
        </>
      )}
    </RegistrationForm>
  );
}

/**
 * The landing page of an emailed link: nothing happens until the person presses the button, so
 * mail scanners that open links cannot use them up.
 */
export function VerifyLinkPanel({
  email,
  actionLabel,
  onConfirm,
  failureFooter,
}: {
  email: string;
  actionLabel: string;
  onConfirm: () => Promise<TFormResult>;
  /** Shown under a failure, e.g. a way to ask for a new link. */
  failureFooter?: ReactNode;
}) {
  const s = useSubmit(onConfirm);
  const continuing = s.pending || (s.result?.ok ?? false);
  return (
    <div className="space-y-5">
      {s.result && !s.result.ok ? <ResultAlert result={s.result} /> : null}
      <p className="text-slate-700">
        Continue as <strong className="break-all text-slate-900">{email}</strong>.
      </p>
      <Button
        type="button"
        pending={continuing}
        pendingLabel="Just a moment…"
        onClick={() => void s.submit(undefined)}
      >
        {actionLabel}
      </Button>
      {s.result && !s.result.ok && failureFooter ? (
        <div className="text-center text-sm text-slate-600">{failureFooter}</div>
      ) : null}
    </div>
  );
}
