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
/// <see cref="Create"/> is virtual so that tests can hand the engine clients over mocked seams (AD CS off Windows).
/// </summary>
internal class CaClientFactory
{
    private readonly IEngineEnvironment _environment;
    private readonly string _dataFolder;

    public CaClientFactory(IEngineEnvironment environment, string dataFolder)
    {
        _environment = environment;
        _dataFolder = dataFolder;
    }

    /// <exception cref="CsCertificateException">
    /// The CA is in neither form, its kind cannot run on this platform, or -CaPassword cannot be an ACME HMAC key.
    /// </exception>
    public virtual ICaClient Create(string ca, string? account, string? password, Action<string> verbose)
    {
        string value = ca.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new CsCertificateException(ErrorIds.InvalidCaName, ErrorKind.InvalidArgument, Messages.Format(Strings.AcmeNeedsHttps, ca), ca);
            }

            if (password != null && !Base64Url.IsStrict(password))
            {
                // Never echo the key: say only what shape it should have.
                throw new CsCertificateException(ErrorIds.InvalidCaPassword, ErrorKind.InvalidArgument, Strings.AcmeEabKeyNotBase64Url, "-CaPassword");
            }

            AcmeSettings settings = AcmeSettings.FromEnvironment(_environment.GetEnvironmentVariable);
            return new AcmeCaClient(uri, settings, new AcmeAccountStore(_dataFolder, uri), Challenges, account, password, verbose);
        }

        return CreateAdcs(value, account, password) ?? throw new CsCertificateException(
            ErrorIds.InvalidCaName,
            ErrorKind.InvalidArgument,
            Messages.Format(Strings.InvalidCaName, ca),
            ca);
    }

    /// <summary>
    /// The client of a stored request (-Retrieve), from the CA it was made with. Errors name the request and the
    /// CA as stored, not a -CA the user did not type.
    /// </summary>
    /// <exception cref="CsCertificateException">The stored CA is in neither form, or its kind cannot run on this platform.</exception>
    public ICaClient CreateForStoredRequest(int requestId, string? ca, string? caRequestId, Action<string> verbose)
    {
        try
        {
            return Create(ca ?? string.Empty, null, null, verbose);
        }
        catch (CsCertificateException ex) when (ex.ErrorId == ErrorIds.InvalidCaName)
        {
            throw new CsCertificateException(ErrorIds.InvalidCaName, ErrorKind.InvalidData, Messages.Format(Strings.StoredCaInvalid, requestId, ca), requestId, ex);
        }
        catch (CsCertificateException ex) when (ex.ErrorId == ErrorIds.CaNotSupportedOnPlatform)
        {
            string message = caRequestId == null
                ? Messages.Format(Strings.StoredAdcsNotSubmitted, requestId, ca)
                : Messages.Format(Strings.StoredAdcsNotSupported, requestId, ca, caRequestId);
            throw new CsCertificateException(ErrorIds.CaNotSupportedOnPlatform, ErrorKind.NotSupported, message, requestId, ex);
        }
    }

    /// <summary>
    /// Whether a request made with this CA and -CaAccount needs -CaPassword again to be made again (a renewal,
    /// which has no password: none is ever stored). AD CS needs it for every request made under an account; an ACME
    /// server needs the External Account Binding only to register the account, which is kept once registered.
    /// </summary>
    public bool NeedsPassword(string? ca, string? account)
    {
        if (account == null || ca == null)
        {
            return false; // an offline request is made again without its CA
        }

        return !(AcmeDirectoryUrl(ca) is Uri directory) || new AcmeAccountStore(_dataFolder, directory).LoadAccountUrl() == null;
    }

    /// <summary>The client that can tell when a certificate of this CA should be renewed (ACME), or null for other CAs.</summary>
    /// <exception cref="CsCertificateException">A setting of the ACME client is invalid.</exception>
    public IRenewalInfoSource? RenewalInfoSource(string? ca, Action<string> verbose) =>
        AcmeDirectoryUrl(ca) == null ? null : Create(ca!, null, null, verbose) as IRenewalInfoSource;

    /// <summary>Forgets the ACME challenges of a request that is cleared.</summary>
    public void RemoveChallenges(int requestId) => Challenges.RemoveRequest(requestId);

    private AcmeChallengeStore Challenges => new AcmeChallengeStore(_dataFolder);

    private static Uri? AcmeDirectoryUrl(string? ca) =>
        Uri.TryCreate(ca?.Trim(), UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

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
