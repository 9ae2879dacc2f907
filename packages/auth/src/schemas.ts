// The shapes of every sign-in form, shared by the browser (instant feedback) and the API (the
// rule that counts). Nothing here touches the server, so it is safe in client components.
import { z } from "zod";

import { PORTALS } from "./portals";

export const PASSWORD_MIN = 12;
/** Long enough for any passphrase, short enough that hashing cannot be used to tie up the CPU. */
export const PASSWORD_MAX = 128;

// The handful of choices every guessing list starts with, refused outright.
const COMMON = new Set([
  "123456789012",
  "password1234",
  "passwordpassword",
  "qwertyuiopas",
  "qwerty123456",
  "111111111111",
  "000000000000",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "lastmile1234",
  "lastmilelastmile",
]);

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => !COMMON.has(p.toLowerCase()), "That password is too easy to guess.")
  .refine((p) => new Set(p).size >= 4, "Use a mix of more characters.");

/** Mirrors the `vehicle` enum of the database (a test keeps them equal). */
export const VEHICLES = ["foot", "bicycle", "ebike", "scooter", "motorbike", "car"] as const;

export const ZEmail = z
  .string()
  .trim()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter an email address like name@example.com."));
export const ZName = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters.");
export const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a phone number, e.g. +351 912 345 678.");

export const ZCustomerSignUp = z.object({ name: ZName, email: ZEmail, password: ZPassword });
export type TCustomerSignUp = z.infer<typeof ZCustomerSignUp>;

export const ZCourierApplication = z.object({
  name: ZName,
  email: ZEmail,
  password: ZPassword,
  phone: ZPhone,
  vehicle: z.enum(VEHICLES, "Choose how you'll deliver."),
});
export type TCourierApplication = z.infer<typeof ZCourierApplication>;

export const ZMerchantApplication = z.object({
  name: ZName,
  email: ZEmail,
  password: ZPassword,
  phone: ZPhone,
  restaurantName: z.string().trim().min(2, "Enter the restaurant's name.").max(80),
  address: z.string().trim().min(5, "Enter the restaurant's street address.").max(200),
  lat: z
    .number("Set the restaurant's location.")
    .min(-90, "Latitude runs from -90 to 90.")
    .max(90, "Latitude runs from -90 to 90."),
  lng: z
    .number("Set the restaurant's location.")
    .min(-180, "Longitude runs from -180 to 180.")
    .max(180, "Longitude runs from -180 to 180."),
});
export type TMerchantApplication = z.infer<typeof ZMerchantApplication>;

export const ZPortal = z.enum(PORTALS);

export const ZEmailRequest = z.object({ email: ZEmail, portal: ZPortal });
export type TEmailRequest = z.infer<typeof ZEmailRequest>;

export const ZPasswordReset = z.object({
  email: ZEmail,
  token: z.string().min(10, "This link is incomplete.").max(200),
  password: ZPassword,
  portal: ZPortal,
});
export type TPasswordReset = z.infer<typeof ZPasswordReset>;

/** Every answer to a sign-up, application or link request, whatever happened. */
export const ZCheckEmail = z.object({ status: z.literal("check-email"), email: z.string() });
