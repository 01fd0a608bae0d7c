import type { DirectEmail } from "../events";
import type { Locale } from "../i18n/locales";
import { translator } from "../i18n/messages";
import { INVITATION_HOURS, RESET_MINUTES, VERIFY_HOURS, type CoopMemberRole } from "./contract";

// An account has no language of its own: every e-mail is written in Chinese first, then in English, as the
// notification e-mails are (lib/events/mailer.ts).
const both = (part: (locale: Locale) => string, joiner: string) => `${part("zh-CN")}${joiner}${part("en")}`;

export function resetEmail(to: string, p: { name: string; link: string }): DirectEmail {
  const t = (l: Locale) => translator(l, "accountRecovery");
  return {
    to,
    subject: both((l) => t(l)("email.resetSubject"), " · "),
    text: both((l) => t(l)("email.resetBody", { ...p, minutes: RESET_MINUTES }), "\n\n— — —\n\n"),
  };
}

export function verifyEmailMessage(to: string, p: { name: string; link: string }): DirectEmail {
  const t = (l: Locale) => translator(l, "accountRecovery");
  return {
    to,
    subject: both((l) => t(l)("email.verifySubject"), " · "),
    text: both((l) => t(l)("email.verifyBody", { ...p, email: to, hours: VERIFY_HOURS }), "\n\n— — —\n\n"),
  };
}

export function invitationEmail(
  to: string,
  p: { coopZh: string; coopEn: string; inviter: string; role: CoopMemberRole; link: string },
): DirectEmail {
  const t = (l: Locale) => translator(l, "coopTeam");
  const coop = (l: Locale) => (l === "zh-CN" ? p.coopZh : p.coopEn);
  return {
    to,
    subject: both((l) => t(l)("email.subject", { coop: coop(l) }), " · "),
    text: both(
      (l) =>
        t(l)("email.body", {
          coop: coop(l),
          inviter: p.inviter,
          role: t(l)(`role.${p.role}`),
          link: p.link,
          hours: INVITATION_HOURS,
        }),
      "\n\n— — —\n\n",
    ),
  };
}
