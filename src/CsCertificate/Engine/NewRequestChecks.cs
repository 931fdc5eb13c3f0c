// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Csr;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;

namespace CsCertificate.Engine;

/// <summary>
/// The checks of -New that need no topology: key, Subject attributes, and where the request goes. A bad call
/// is refused here, before anything is read or written.
/// </summary>
internal static class NewRequestChecks
{
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

    /// <summary>Checks where the request goes: an -Output file that can be created, or a CA.</summary>
    public static void CheckDestination(NewRequestOptions options, OperationLog log)
    {
        string? output = options.OutputPath;
        if (output == null)
        {
            if (options.CA == null)
            {
                throw new CsCertificateException(ErrorIds.CaNotSpecified, ErrorKind.InvalidArgument, Strings.CaNotSpecified, null);
            }

            return;
        }

        if (options.CA != null)
        {
            log.Warning(Messages.Format(Strings.WarnCaIgnoredWithOutput, options.CA));
        }

        string? folder = Path.GetDirectoryName(output);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new CsCertificateException(ErrorIds.OutputDirectoryNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.OutputDirectoryNotFound, folder ?? output), output);
        }

        if (Directory.Exists(output))
        {
            throw new CsCertificateException(ErrorIds.OutputNotWritable, ErrorKind.InvalidArgument, Messages.Format(Strings.OutputIsFolder, output), output);
        }

        if (File.Exists(output) && !options.Force)
        {
            throw new CsCertificateException(ErrorIds.OutputExists, ErrorKind.ResourceExists, Messages.Format(Strings.OutputExists, output), output);
        }

        string? problem = FolderProbe.CannotWrite(output);
        if (problem != null)
        {
            throw new CsCertificateException(ErrorIds.OutputNotWritable, ErrorKind.WriteError, Messages.Format(Strings.OutputNotWritable, output, problem), output);
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
