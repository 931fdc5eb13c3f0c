// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Security.Cryptography;
using System.Text;
using CsCertificate.CaClient;

namespace CsCertificate.Engine;

/// <summary>
/// When a certificate is due for renewal. By its lifetime, as Let's Encrypt advises: once two thirds of it have
/// passed, or half for a certificate of ten days or less. Where the CA suggests a window (RFC 9773), at a time
/// chosen at random inside it.
/// </summary>
internal static class RenewalSchedule
{
    /// <summary>The longest lifetime renewed at half of it: a short-lived certificate keeps more time to retry.</summary>
    public static readonly TimeSpan ShortLifetime = TimeSpan.FromDays(10);

    /// <summary>The time two thirds (half, for ten days or less) of the validity from <paramref name="notBefore"/> to <paramref name="notAfter"/> have passed.</summary>
    public static DateTime ByLifetime(DateTime notBefore, DateTime notAfter)
    {
        TimeSpan lifetime = notAfter - notBefore;
        long passed = lifetime <= ShortLifetime ? lifetime.Ticks / 2 : lifetime.Ticks / 3 * 2;
        return notBefore + TimeSpan.FromTicks(passed);
    }

    /// <summary>Whether a lifetime is renewed at half of it rather than two thirds.</summary>
    public static bool IsShort(DateTime notBefore, DateTime notAfter) => notAfter - notBefore <= ShortLifetime;

    /// <summary>
    /// A time inside the CA's window, uniformly spread over certificates (RFC 9773 §4.2) but the same for one
    /// certificate and window on every run: a daily run that drew again each day would renew early in the window
    /// far more often than late, and bunch the CA's renewals at its start.
    /// </summary>
    /// <param name="window">The CA's suggested window.</param>
    /// <param name="certificateId">The certificate's RFC 9773 identifier, which seeds the choice.</param>
    public static DateTime InWindow(RenewalWindow window, string certificateId)
    {
        byte[] seed = Encoding.UTF8.GetBytes(certificateId + "|" + window.Start.Ticks + "|" + window.End.Ticks);
        byte[] hash;
        using (SHA256 sha = SHA256.Create())
        {
            hash = sha.ComputeHash(seed);
        }

        // 53 bits make a double in [0, 1) exactly.
        double fraction = (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
        return window.Start + TimeSpan.FromTicks((long)((window.End - window.Start).Ticks * fraction));
    }
}
