// Mail about people joining: an invitation to a restaurant's team.
import type { TEmail } from "../render";

export const peopleEmails = {
  staffInvitation: (o: { merchantName: string; role: "merchant_owner" | "merchant_staff"; invitedBy: string }, acceptUrl: string): TEmail => ({
    template: "merchant.staff-invitation",
    subject: `${o.invitedBy} invited you to ${o.merchantName} on Lastmile`,
    paragraphs: [
      `${o.invitedBy} invited you to join ${o.merchantName}'s team on Lastmile as ${o.role === "merchant_owner" ? "an owner" : "kitchen staff"}.`,
      { action: "Accept the invitation", href: acceptUrl },
      "If you weren't expecting this, you can ignore this email.",
    ],
    sensitive: true,
  }),
};
