// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.Resources;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// An Active Directory Certificate Services CA reached through certcli.dll (ICertRequest over DCOM), as the
/// original cmdlet does. Every CA answer, and every failing call, becomes a <see cref="CaResult"/>.
/// </summary>
internal sealed class AdcsCaClient : ICaClient
{
    /// <summary>CR_IN_BASE64 | CR_IN_PKCS10: base64 DER of a PKCS #10 request, no header.</summary>
    public const int SubmitFlags = CertCli.InBase64 | CertCli.InPkcs10;

    /// <summary>CR_OUT_BASE64 | CR_OUT_CHAIN: base64 PKCS #7 holding the certificate and its chain.</summary>
    public const int CertificateFlags = CertCli.OutBase64 | CertCli.OutChain;

    private readonly AdcsConfigString _config;
    private readonly string? _template;
    private readonly string? _account;
    private readonly string? _password;
    private readonly ICertRequestApiFactory _apiFactory;
    private readonly ICredentialScope _credentialScope;

    /// <param name="configString">The CA, <c>host\CAName</c>.</param>
    /// <param name="template">The template (-Template); when null, the submission's, else WebServer as the Certificate Wizard does.</param>
    /// <param name="account">The -CaAccount (DOMAIN\user or user@domain), or null to ask as the current user.</param>
    /// <param name="password">The -CaPassword; required with <paramref name="account"/>.</param>
    /// <param name="apiFactory">Creates the certcli request object for each operation.</param>
    /// <param name="credentialScope">Runs the CA calls under <paramref name="account"/>.</param>
    /// <exception cref="CsCertificateException">The config string, the template or the account is not valid.</exception>
    public AdcsCaClient(
        string configString,
        string? template,
        string? account,
        string? password,
        ICertRequestApiFactory apiFactory,
        ICredentialScope credentialScope)
    {
        _config = AdcsConfigString.Parse(configString);
        _template = CheckTemplate(template);
        if (account != null)
        {
            // Checked here so a bad name fails before anything is sent.
            _account = CaAccount.Parse(account).Name;
            _password = password ?? throw new ArgumentNullException(nameof(password), "-CaAccount needs -CaPassword.");
        }
        else if (password != null)
        {
            throw new ArgumentException("-CaPassword needs -CaAccount.", nameof(password));
        }

        _apiFactory = apiFactory ?? throw new ArgumentNullException(nameof(apiFactory));
        _credentialScope = credentialScope ?? throw new ArgumentNullException(nameof(credentialScope));
    }

    /// <summary>Gets the config string.</summary>
    public string Name => _config.Value;

    /// <inheritdoc/>
    public bool RequiresSubjectInAlternativeNames => false;

    public CaResult Submit(CaSubmission submission, CancellationToken cancel)
    {
        if (submission == null)
        {
            throw new ArgumentNullException(nameof(submission));
        }

        string template = TemplateFor(submission);
        string request = Convert.ToBase64String(submission.CsrDer);
        string attributes = CertCli.TemplateAttributeName + ":" + template;
        string? caRequestId = null;
        return Run(template, () => caRequestId, cancel, api =>
        {
            int disposition = api.Submit(SubmitFlags, request, attributes, _config.Value);

            // Ids start at 1; 0 means the CA did not store the request, so there is nothing to ask about later.
            int id = api.GetRequestId();
            caRequestId = id > 0 ? id.ToString(CultureInfo.InvariantCulture) : null;
            cancel.ThrowIfCancellationRequested();
            return Interpret(api, disposition, caRequestId, template);
        });
    }

    public CaResult Poll(string caRequestId, CaSubmission submission, CancellationToken cancel)
    {
        if (submission == null)
        {
            throw new ArgumentNullException(nameof(submission));
        }

        int id = ParseRequestId(caRequestId, submission.RequestId);
        string normalizedId = id.ToString(CultureInfo.InvariantCulture);
        string template = TemplateFor(submission);
        return Run(template, () => normalizedId, cancel, api =>
        {
            int disposition = api.RetrievePending(id, _config.Value);
            cancel.ThrowIfCancellationRequested();
            return Interpret(api, disposition, normalizedId, template);
        });
    }

    /// <summary>
    /// Runs one operation on a fresh request object, under -CaAccount when given, and turns a failing call into
    /// its outcome. Logon, creation, every call, release and revert happen on one thread of their own, an STA on
    /// Windows (<see cref="ComThread"/>), and the object is created and released inside the credential scope, so
    /// DCOM never sees another identity. A DCOM call cannot be interrupted: a stop (Ctrl+C) is honoured before the
    /// first call and between calls, and keeps the CA's request id once the CA has one.
    /// </summary>
    private CaResult Run(string template, Func<string?> caRequestId, CancellationToken cancel, Func<ICertRequestApi, CaResult> operation)
    {
        if (cancel.IsCancellationRequested)
        {
            return CaResult.Stopped(caRequestId());
        }

        return ComThread.Run(() => RunHere(template, caRequestId, cancel, operation));
    }

    private CaResult RunHere(string template, Func<string?> caRequestId, CancellationToken cancel, Func<ICertRequestApi, CaResult> operation)
    {
        IDisposable? scope = _account == null ? null : _credentialScope.Enter(_account, _password!);
        try
        {
            using ICertRequestApi api = _apiFactory.Create();
            return operation(api);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return CaResult.Stopped(caRequestId());
        }
        catch (COMException ex)
        {
            string message = Messages.Format(Strings.AdcsSystemReported, AdcsStatusCodes.Explain(ex.HResult, _config, template, _account), ex.Message);
            return CaResult.Of(AdcsStatusCodes.OutcomeOf(ex.HResult), caRequestId(), AdcsStatusCodes.FormatCode(ex.HResult), message);
        }
        finally
        {
            scope?.Dispose();
        }
    }

    private CaResult Interpret(ICertRequestApi api, int disposition, string? caRequestId, string template)
    {
        switch ((CertRequestDisposition)disposition)
        {
            case CertRequestDisposition.Incomplete:
            case CertRequestDisposition.UnderSubmission:
                return CaResult.Pending(caRequestId, null, Trimmed(api.GetDispositionMessage()));

            case CertRequestDisposition.Issued:
            case CertRequestDisposition.IssuedOutOfBand:
                return Issued(api.GetCertificate(CertificateFlags), caRequestId);

            case CertRequestDisposition.Denied:
            {
                int status = api.GetLastStatus();
                string? said = api.GetDispositionMessage();

                // "Denied by Policy Module 0x80094800" is how an unpublished template looks: report the cause.
                CaOutcome outcome = AdcsStatusCodes.OutcomeOf(status) == CaOutcome.Misconfigured ? CaOutcome.Misconfigured : CaOutcome.Denied;
                string message = AdcsStatusCodes.Find(status) == null
                    ? Messages.Format(Strings.AdcsDenied, _config.Value, AdcsStatusCodes.Describe(status))
                    : AdcsStatusCodes.Explain(status, _config, template, _account);
                return CaResult.Of(outcome, caRequestId, AdcsStatusCodes.FormatCode(status), WithCaWords(message, said));
            }

            case CertRequestDisposition.Error:
            {
                int status = api.GetLastStatus();
                string? said = api.GetDispositionMessage();
                string message = AdcsStatusCodes.Explain(status, _config, template, _account);
                return CaResult.Of(AdcsStatusCodes.OutcomeOf(status), caRequestId, AdcsStatusCodes.FormatCode(status), WithCaWords(message, said));
            }

            case CertRequestDisposition.Revoked:
            {
                string? said = api.GetDispositionMessage();
                string message = Messages.Format(Strings.AdcsRevoked, _config.Value, caRequestId);
                return CaResult.Of(CaOutcome.Revoked, caRequestId, null, WithCaWords(message, said));
            }

            default:
            {
                string? said = api.GetDispositionMessage();
                string message = Messages.Format(Strings.AdcsUnknownDisposition, _config.Value, disposition);
                return CaResult.Of(CaOutcome.Failed, caRequestId, null, WithCaWords(message, said));
            }
        }
    }

    private CaResult Issued(string? encoded, string? caRequestId)
    {
        try
        {
            byte[] pkcs7 = Convert.FromBase64String(encoded ?? string.Empty);
            List<byte[]> certificates = new X509CertificateParser().ReadCertificates(pkcs7).Select(c => c.GetEncoded()).ToList();
            if (certificates.Count > 0)
            {
                return CaResult.Issued(caRequestId, certificates);
            }

            return Unreadable(caRequestId, Strings.AdcsNoCertificateInAnswer);
        }
        catch (Exception ex) when (ex is FormatException || ex is IOException || ex is ArgumentException || ex is InvalidCastException ||
                                   ex is InvalidOperationException || ex is GeneralSecurityException)
        {
            // BouncyCastle reports malformed ASN.1 in several ways (Asn1ParsingException is an InvalidOperationException);
            // all mean the same here.
            return Unreadable(caRequestId, ex.Message.TrimEnd('.', ' '));
        }
    }

    private CaResult Unreadable(string? caRequestId, string reason) =>
        CaResult.Of(CaOutcome.Failed, caRequestId, null, Messages.Format(Strings.AdcsCertificateUnreadable, _config.Value, caRequestId, reason));

    private string TemplateFor(CaSubmission submission) =>
        CheckTemplate(submission.Template) ?? _template ?? CertCli.DefaultTemplate;

    /// <summary>
    /// Rejects control characters: the attribute string is Name:Value lines, so a line break in the template name
    /// would add attributes of its own.
    /// </summary>
    private static string? CheckTemplate(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        string trimmed = template!.Trim();
        if (trimmed.Any(char.IsControl))
        {
            throw new CsCertificateException(ErrorIds.InvalidTemplateName, ErrorKind.InvalidArgument, Messages.Format(Strings.AdcsInvalidTemplate, trimmed.Replace("\r", "\\r").Replace("\n", "\\n")), template);
        }

        return trimmed;
    }

    private int ParseRequestId(string? caRequestId, int requestId)
    {
        if (int.TryParse(caRequestId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id > 0)
        {
            return id;
        }

        throw new CsCertificateException(ErrorIds.InvalidCaRequestId, ErrorKind.InvalidData, Messages.Format(Strings.AdcsInvalidRequestId, caRequestId, _config.Value, requestId), caRequestId);
    }

    private static string WithCaWords(string message, string? said)
    {
        string? words = Trimmed(said);
        return words == null ? message : Messages.Format(Strings.AdcsCaAnswered, message, words);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
