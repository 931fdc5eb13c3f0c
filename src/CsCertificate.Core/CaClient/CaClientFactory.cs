// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net.Http;
using CsCertificate.CaClient.Acme;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Resources;

namespace CsCertificate.CaClient;

/// <summary>
/// Chooses the CA client from -CA: "host\CAName" (an AD CS config string, as certutil prints it) is AD CS over
/// DCOM; an absolute https:// URL is an ACME directory; anything else is refused with both forms shown.
/// </summary>
internal sealed class CaClientFactory : ICaClientFactory
{
    private readonly Func<string, string?> _variable;
    private readonly string _dataFolder;
    private readonly Func<HttpMessageHandler> _acmeHandler;
    private readonly IDnsScriptRunner? _scriptRunner;

    /// <param name="variable">Reads an environment variable (the ACME settings).</param>
    /// <param name="dataFolder">The data folder, where ACME accounts and challenges are kept.</param>
    /// <param name="acmeHandler">Makes the HTTP transport of one ACME conversation (<see cref="CreateAcmeHandler"/>, or a test's).</param>
    /// <param name="scriptRunner">Runs -DnsScript (the cmdlet's, in its PowerShell session); null where no script can run.</param>
    public CaClientFactory(Func<string, string?> variable, string dataFolder, Func<HttpMessageHandler> acmeHandler, IDnsScriptRunner? scriptRunner = null)
    {
        _variable = variable;
        _dataFolder = dataFolder;
        _acmeHandler = acmeHandler;
        _scriptRunner = scriptRunner;
    }

    /// <summary>The HTTP transport ACME servers are reached through, with the platform's TLS and trust store.</summary>
    public static HttpMessageHandler CreateAcmeHandler() => AcmeHttpHandler.Create();

    /// <summary>Whether -CA names an ACME directory (an http or https URL) rather than an AD CS CA.</summary>
    public static bool IsAcmeDirectory(string ca) => AcmeUri(ca) != null;

    /// <inheritdoc/>
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

            AcmeSettings settings = AcmeSettings.FromEnvironment(_variable);
            AcmeDns01Settings? dns01 = challenge?.Type == AcmeChallengeType.Dns01
                ? AcmeDns01Settings.FromEnvironment(_variable, challenge, _scriptRunner, warning ?? verbose)
                : null;
            return new AcmeCaClient(uri, settings, new AcmeAccountStore(_dataFolder, uri), Challenges, account, password, verbose, _acmeHandler, dns01);
        }

        return CreateAdcs(value, account, password) ?? throw new CsCertificateException(
            ErrorIds.InvalidCaName,
            ErrorKind.InvalidArgument,
            Messages.Format(Strings.InvalidCaName, ca),
            ca);
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public bool NeedsPassword(string? ca, string? account)
    {
        if (account == null || ca == null)
        {
            return false; // an offline request is made again without its CA
        }

        return !(AcmeDirectoryUrl(ca) is Uri directory) || new AcmeAccountStore(_dataFolder, directory).LoadAccountUrl() == null;
    }

    /// <inheritdoc/>
    public IRenewalInfoSource? RenewalInfoSource(string? ca, Action<string> verbose) =>
        AcmeDirectoryUrl(ca) == null ? null : Create(ca!, null, null, verbose) as IRenewalInfoSource;

    /// <inheritdoc/>
    public void RemoveChallenges(int requestId, Action<string> verbose, Action<string> warning)
    {
        var dns01 = new AcmeDns01Settings(AcmeChallengeOptions.Http01, null, _scriptRunner, warning);
        AcmeDns01Validation.RemoveLeftovers(Challenges, requestId, dns01, verbose, forget: true);
        Challenges.RemoveRequest(requestId);
    }

    private AcmeChallengeStore Challenges => new AcmeChallengeStore(_dataFolder);

    private static Uri? AcmeUri(string ca) =>
        Uri.TryCreate(ca.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private static Uri? AcmeDirectoryUrl(string? ca) => ca != null && AcmeUri(ca) is Uri uri && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

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
