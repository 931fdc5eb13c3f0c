// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.CaClient.Acme;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
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
    private readonly IDnsScriptRunner? _scriptRunner;

    /// <param name="environment">The environment variables the ACME settings come from.</param>
    /// <param name="dataFolder">The data folder, where ACME accounts and challenges are kept.</param>
    /// <param name="scriptRunner">Runs -DnsScript (the cmdlet's, in its PowerShell session); null where no script can run.</param>
    public CaClientFactory(IEngineEnvironment environment, string dataFolder, IDnsScriptRunner? scriptRunner = null)
    {
        _environment = environment;
        _dataFolder = dataFolder;
        _scriptRunner = scriptRunner;
    }

    /// <summary>Whether -CA names an ACME directory (an http or https URL) rather than an AD CS CA.</summary>
    public static bool IsAcmeDirectory(string ca) => AcmeUri(ca) != null;

    /// <param name="ca">-CA.</param>
    /// <param name="account">-CaAccount.</param>
    /// <param name="password">-CaPassword.</param>
    /// <param name="verbose">The verbose story.</param>
    /// <param name="challenge">How ACME challenges are answered; null for http-01.</param>
    /// <param name="warning">Where warnings go (a dns-01 record that could not be removed).</param>
    /// <exception cref="CsCertificateException">
    /// The CA is in neither form, its kind cannot run on this platform, -CaPassword cannot be an ACME HMAC key, or a
    /// setting is invalid.
    /// </exception>
    public ICaClient Create(string ca, string? account, string? password, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null)
    {
        string value = ca.Trim();
        Uri? uri = AcmeUri(value);
        if (uri != null)
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
            AcmeDns01Settings? dns01 = challenge?.Type == AcmeChallengeType.Dns01
                ? AcmeDns01Settings.FromEnvironment(_environment.GetEnvironmentVariable, challenge, _scriptRunner, warning ?? verbose)
                : null;
            return new AcmeCaClient(uri, settings, new AcmeAccountStore(_dataFolder, uri), Challenges, account, password, verbose, dns01);
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
    public ICaClient CreateForStoredRequest(int requestId, string? ca, string? caRequestId, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null)
    {
        try
        {
            return Create(ca ?? string.Empty, null, null, verbose, challenge, warning);
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

    /// <summary>Forgets the ACME challenges of a request that is cleared, removing first the dns-01 records it still has in DNS.</summary>
    public void RemoveChallenges(int requestId, Action<string> verbose, Action<string> warning)
    {
        var dns01 = new AcmeDns01Settings(AcmeChallengeOptions.Http01, null, _scriptRunner, warning);
        AcmeDns01Validation.RemoveLeftovers(Challenges, requestId, dns01, verbose, forget: true);
        Challenges.RemoveRequest(requestId);
    }

    private AcmeChallengeStore Challenges => new AcmeChallengeStore(_dataFolder);

    private static Uri? AcmeUri(string ca) =>
        Uri.TryCreate(ca.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

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
