// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Tells an order that failed because nobody answered its challenges from an order the CA refused. A command
/// that ends while the CA still has to validate (the wait is over, Ctrl+C, an outage) closes its responder and
/// marks the challenges it left pending (<see cref="AcmeChallengeRecord.ResponderClosed"/>); a CA that validates
/// after that finds nothing, or another web server, on port 80. -Retrieve then orders again with the stored
/// request instead of reporting Denied.
/// </summary>
/// <remarks>
/// The rule: every authorization of the order that is not valid or pending failed (invalid, or expired before it
/// was validated); the store marked its http-01 or dns-01 challenge as left without an answer (the responder
/// closed, or the TXT record was removed); and an invalid one failed
/// with an error that an absent or foreign responder produces (connection, unauthorized, incorrectResponse), as
/// did the order, if it names an error; for dns-01, whose records are removed when the command ends, also dns (the
/// CA found no record: NXDOMAIN). Anything else stays Denied: rejectedIdentifier, caa, badCSR, dns for http-01, tls,
/// a policy refusal, and every failure of a challenge while a responder of this command served it (its mark is
/// cleared when a command serves it again). The challenge's own "validated" time does not decide: pebble sets it
/// when validation starts, Boulder when it ends.
/// </remarks>
internal static class AcmeAbandonedOrder
{
    private const int Shown = 3;

    private static readonly HashSet<string> s_nobodyAnswered = new HashSet<string>(StringComparer.Ordinal)
    {
        "connection",
        "unauthorized",
        "incorrectResponse",
    };

    /// <summary>Explains why an invalid order failed through no refusal of the CA's.</summary>
    /// <param name="order">The invalid order.</param>
    /// <param name="authorizations">Its authorizations, as the server gives them now.</param>
    /// <param name="stored">The challenge the data folder keeps for a token, or null.</param>
    /// <returns>The explanation for the verbose story, or null when the CA refused the order.</returns>
    public static string? Explain(AcmeOrder order, IReadOnlyList<AcmeAuthorization> authorizations, Func<string, AcmeChallengeRecord?> stored)
    {
        // "dns" is judged per challenge below: only a dns-01 answer that was withdrawn may fail with it.
        if (order.Error != null && !s_nobodyAnswered.Contains(order.Error.ShortType) && order.Error.ShortType != "dns")
        {
            return null;
        }

        var failures = new List<string>();
        DateTime? closed = null;
        foreach (AcmeAuthorization authorization in authorizations)
        {
            if (authorization.Status == "valid" || authorization.Status == "pending")
            {
                continue;
            }

            // The challenge this module answered: the one whose token the data folder keeps, of the same type.
            AcmeChallenge? challenge = authorization.Challenges?.FirstOrDefault(c => (c.Type == AcmeChallenge.Http01 || c.Type == AcmeChallenge.Dns01) && c.Token != null && stored(c.Token)?.Type == c.Type);
            AcmeChallengeRecord? record = challenge == null ? null : stored(challenge.Token!);
            if (record?.ResponderClosed == null || !DateTime.TryParse(record.ResponderClosed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime closedAt))
            {
                return null;
            }

            string name = authorization.Identifier?.Value ?? record.Identifier ?? challenge!.Token!;
            switch (authorization.Status)
            {
                case "invalid" when challenge!.Error != null && (s_nobodyAnswered.Contains(challenge.Error.ShortType) || (challenge.Type == AcmeChallenge.Dns01 && challenge.Error.ShortType == "dns")):
                    failures.Add(name + ": " + (challenge.Error.Detail ?? challenge.Error.Type));
                    break;
                case "expired":
                    failures.Add(name + ": " + Strings.AcmeAuthorizationExpired);
                    break;
                default:
                    return null;
            }

            closed = closed == null || closedAt < closed ? closedAt : closed;
        }

        if (failures.Count == 0)
        {
            return null;
        }

        string list = string.Join("; ", failures.Take(Shown));
        if (failures.Count > Shown)
        {
            list = Messages.Format(Strings.AcmeMoreFailures, list, failures.Count - Shown);
        }

        return Messages.Format(Strings.AcmeLeftUnanswered, closed!.Value.ToString("u", CultureInfo.InvariantCulture), list);
    }
}
