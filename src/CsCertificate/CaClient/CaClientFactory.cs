// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.CaClient.Acme;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Resources;

namespace CsCertificate.CaClient;

/// <summary>
/// Chooses the CA client from -CA: "host\CAName" (an AD CS config string, as certutil prints it) is AD CS over
/// DCOM; an absolute https:// URL is an ACME directory; anything else is refused with both forms shown.
/// </summary>
internal sealed class CaClientFactory
{
    private readonly IEngineEnvironment _environment;
    private readonly string _dataFolder;

    public CaClientFactory(IEngineEnvironment environment, string dataFolder)
    {
        _environment = environment;
        _dataFolder = dataFolder;
    }

    /// <exception cref="CsCertificateException">The CA is in neither form, or its kind cannot run on this platform.</exception>
    public ICaClient Create(string ca, string? account, string? password, Action<string> verbose)
    {
        string value = ca.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new CsCertificateException(ErrorIds.InvalidCaName, ErrorKind.InvalidArgument, Messages.Format(Strings.AcmeNeedsHttps, ca), ca);
            }

            AcmeSettings settings = AcmeSettings.FromEnvironment(_environment.GetEnvironmentVariable);
            return new AcmeCaClient(uri, settings, new AcmeAccountStore(_dataFolder, uri), account, password, verbose);
        }

        return CreateAdcs(value, account, password) ?? throw new CsCertificateException(
            ErrorIds.InvalidCaName,
            ErrorKind.InvalidArgument,
            Messages.Format(Strings.InvalidCaName, ca),
            ca);
    }

    private static ICaClient? CreateAdcs(string ca, string? account, string? password)
    {
        if (!AdcsConfigString.TryParse(ca, out AdcsConfigString? config))
        {
            return null;
        }

        if (!AdcsPlatform.IsDcomAvailable)
        {
            throw AdcsPlatform.NotSupportedException(ca);
        }

        return new AdcsCaClient(config.Value, null, account, password, new CertRequestComApiFactory(), new WindowsCredentialScope());
    }
}
