// @lastmile/email: transactional email templates and the Resend sender (see README, Email).
export {};
