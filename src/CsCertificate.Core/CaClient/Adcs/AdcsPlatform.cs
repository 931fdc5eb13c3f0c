// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.InteropServices;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// Whether AD CS can be reached from here: certcli.dll and DCOM exist on Windows only.
/// </summary>
internal static class AdcsPlatform
{
    /// <summary>Gets a value indicating whether DCOM, and so <see cref="AdcsCaClient"/> with the real COM API, works here.</summary>
    public static bool IsDcomAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>The error to report for an AD CS CA (-CA host\CAName) on Linux or macOS; it names the alternatives.</summary>
    /// <param name="ca">The -CA value, kept as the error's target.</param>
    public static CsCertificateException NotSupportedException(string? ca) =>
        new CsCertificateException(ErrorIds.CaNotSupportedOnPlatform, ErrorKind.NotSupported, Messages.Format(Strings.AdcsNotSupportedOnPlatform, ca), ca);
}
