// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Csr;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;

namespace CsCertificate.Engine;

/// <summary>
/// The checks of -New that need no topology: key, Subject attributes, friendly name, and where the request goes. A bad call
/// is refused here, before anything is read or written.
/// </summary>
internal static class NewRequestChecks
{
    /// <summary>The longest -FriendlyName accepted.</summary>
    public const int MaxFriendlyNameLength = 256;

    private static readonly int[] s_rsaKeySizes = { 1024, 2048, 4096 };

    public static KeySpec CheckKey(NewRequestOptions options)
    {
        if (options.KeyAlgorithm != KeyAlgorithmIdentifier.RSA && options.KeySize != null)
        {
            throw new CsCertificateException(
                ErrorIds.KeySizeNotApplicable,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.KeySizeNotApplicable, options.KeySize, options.KeyAlgorithm),
                options.KeySize);
        }

        int size = options.KeySize ?? KeySpec.DefaultRsaKeySize;
        if (Array.IndexOf(s_rsaKeySizes, size) < 0)
        {
            throw new CsCertificateException(ErrorIds.KeySizeNotApplicable, ErrorKind.InvalidArgument, Messages.Format(Strings.KeySizeInvalid, size), size);
        }

        return new KeySpec(options.KeyAlgorithm, size);
    }

    public static SubjectAttributes CheckSubjectAttributes(NewRequestOptions options)
    {
        string? country = options.Country?.Trim();
        if (country != null && (country.Length != 2 || !CountryCodes.IsAssigned(country.ToUpperInvariant())))
        {
            throw new CsCertificateException(ErrorIds.InvalidCountry, ErrorKind.InvalidArgument, Messages.Format(Strings.InvalidCountry, options.Country), options.Country);
        }

        return new SubjectAttributes(
            CheckAttribute("Organization", options.Organization, 64),
            CheckAttribute("OU", options.OrganizationalUnit, 64),
            CheckAttribute("City", options.City, 128),
            CheckAttribute("State", options.State, 128),
            country?.ToUpperInvariant());
    }

    /// <summary>Checks an attribute against the X.520 upper bound and for control characters.</summary>
    private static string? CheckAttribute(string parameter, string? value, int maxLength)
    {
        if (value == null)
        {
            return null;
        }

        string trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.Length > maxLength || trimmed.Any(char.IsControl))
        {
            throw new CsCertificateException(
                ErrorIds.InvalidSubjectAttribute,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.InvalidSubjectAttribute, parameter, value, maxLength),
                value);
        }

        return trimmed;
    }

    /// <summary>
    /// Checks where the request goes: an -Output file that may be written (see <see cref="OutputFile"/>), or a CA.
    /// </summary>
    /// <returns>The checked -Output file; null for an online request.</returns>
    public static OutputFile? CheckDestination(NewRequestOptions options, OperationLog log)
    {
        string? output = options.OutputPath;
        if (output == null)
        {
            if (options.CA == null)
            {
                throw new CsCertificateException(ErrorIds.CaNotSpecified, ErrorKind.InvalidArgument, Strings.CaNotSpecified, null);
            }

            return null;
        }

        if (options.CA != null)
        {
            log.Warning(Messages.Format(Strings.WarnCaIgnoredWithOutput, options.CA));
        }

        return OutputFile.Check(output, OutputFileRole.Output, options.Force);
    }

    /// <summary>
    /// A friendly name shows in certificate lists, one line each: at most <see cref="MaxFriendlyNameLength"/>
    /// characters and no control characters (a line break or NUL would break the lists and the store's record).
    /// </summary>
    public static void CheckFriendlyName(NewRequestOptions options)
    {
        string? name = options.FriendlyName;
        if (name == null)
        {
            return;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsControl(name[i]))
            {
                throw new CsCertificateException(
                    ErrorIds.InvalidFriendlyName,
                    ErrorKind.InvalidArgument,
                    Messages.Format(Strings.FriendlyNameControlCharacter, "U+" + ((int)name[i]).ToString("X4", CultureInfo.InvariantCulture), i + 1),
                    i + 1);
            }
        }

        int length = name.Trim().Length;
        if (length > MaxFriendlyNameLength)
        {
            throw new CsCertificateException(
                ErrorIds.InvalidFriendlyName,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.FriendlyNameTooLong, length, MaxFriendlyNameLength),
                length);
        }
    }

    /// <summary>-CaAccount and -CaPassword go together: an account without its password (or the reverse) is a bad call.</summary>
    public static void CheckCredentials(NewRequestOptions options, bool hasPassword)
    {
        if ((options.CaAccount != null) != hasPassword)
        {
            throw new CsCertificateException(ErrorIds.InvalidCaAccount, ErrorKind.InvalidArgument, Strings.CaCredentialsIncomplete, "-CaAccount");
        }
    }
}
