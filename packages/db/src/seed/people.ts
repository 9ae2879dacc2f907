// Names for the demo city's people, and the demo logins (one per role) listed in the README.
import type { TRole } from "../schema";

export const FIRST_NAMES = [
  "Ana", "Beatriz", "Carolina", "Diana", "Inês", "Joana", "Leonor", "Mariana", "Marta", "Matilde",
  "Rita", "Sofia", "Teresa", "Catarina", "Helena", "Luísa", "Madalena", "Filipa", "Raquel", "Sara",
  "André", "Bruno", "Carlos", "Diogo", "Duarte", "Francisco", "Gonçalo", "Henrique", "João", "José",
  "Luís", "Miguel", "Nuno", "Pedro", "Ricardo", "Rodrigo", "Rui", "Tiago", "Tomás", "Vasco",
  "Amara", "Chen", "Priya", "Rahul", "Lucas", "Gabriel", "Yara", "Ibrahim", "Olena", "Kofi",
] as const;

export const LAST_NAMES = [
  "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Jesus",
  "Sousa", "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro",
  "Pinto", "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Soares", "Vieira",
  "Monteiro", "Cardoso", "Rocha", "Raposo", "Neves", "Coelho", "Cruz", "Cunha", "Pires", "Ramos",
] as const;

export const DEMO_PASSWORD = "lastmile-demo";
/** argon2id (m=19456 KiB, t=2, p=1 — OWASP's minimum) hash of DEMO_PASSWORD. */
export const DEMO_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$v/OtgTPGr9nYu3PQK7e70w$fzevSwHDtnat+vdpFnLJ2uQGQvOzPR5G5BTqEc9NiEg";

export type TDemoLogin = { email: string; name: string; role: TRole; portal: string; note: string };

export const DEMO_LOGINS: TDemoLogin[] = [
  { email: "customer@lastmile.dev", name: "Clara Customer", role: "customer", portal: "customer", note: "two saved addresses in Baixa-Chiado and Avenidas Novas" },
  { email: "owner@lastmile.dev", name: "Olívia Owner", role: "merchant_owner", portal: "merchant", note: "owns the demo merchant" },
  { email: "staff@lastmile.dev", name: "Sérgio Staff", role: "merchant_staff", portal: "merchant", note: "kitchen staff at the demo merchant" },
  { email: "courier@lastmile.dev", name: "Carlos Courier", role: "courier", portal: "courier", note: "approved, e-bike, Baixa-Chiado" },
  { email: "support@lastmile.dev", name: "Sílvia Support", role: "support", portal: "admin", note: "support agent" },
  { email: "ops@lastmile.dev", name: "Óscar Ops", role: "ops_manager", portal: "admin", note: "ops manager scoped to the municipality of Lisboa" },
  { email: "admin@lastmile.dev", name: "Adelina Admin", role: "admin", portal: "admin", note: "platform admin" },
  { email: "superadmin@lastmile.dev", name: "Sebastião Super", role: "super_admin", portal: "admin", note: "super admin" },
];
