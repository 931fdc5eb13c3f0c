// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// Turns a CA's answer into the request's new state, the same way for every CA: Issued installs the certificate
/// with the stored key (after checking they belong together), Pending is kept, and every refusal or fault is
/// recorded on the request and reported as an error with its own id. The record is always saved before the
/// error is raised, so -List shows what happened.
/// </summary>
internal sealed class RequestCompletion
{
    private readonly RequestStore _store;
    private readonly ICertificateInstaller _installer;
    private readonly IEngineEnvironment _environment;

    public RequestCompletion(RequestStore store, ICertificateInstaller installer, IEngineEnvironment environment)
    {
        _store = store;
        _installer = installer;
        _environment = environment;
    }

    /// <summary>
    /// The request as a CA client sends it: DER CSR, every name, template, the certificate it replaces. The CA's id
    /// is saved on the record as soon as the client has it (see <see cref="CaSubmission.Accepted"/>).
    /// </summary>
    public CaSubmission Submission(RequestRecord record)
    {
        var names = new List<string>();
        foreach (string name in new[] { record.SubjectName }.Concat(record.AlternativeNames))
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return new CaSubmission(CsrDer(record.Csr), names, record.Template, record.RequestId)
        {
            Replaces = record.Replaces,
            Accepted = caRequestId =>
            {
                if (record.CaRequestId != caRequestId)
                {
                    record.CaRequestId = caRequestId;
                    _store.Update(record);
                }
            },
        };
    }

    /// <exception cref="CsCertificateException">The CA refused or failed the request, or its certificate does not fit.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped; the request is kept, with a message saying so.</exception>
    public CertificateReference Apply(RequestRecord record, CaResult result, OperationLog log)
    {
        record.UpdateTime = RecordMapper.FormatTime(_environment.UtcNow);
        if (result.CaRequestId != null && record.CaRequestId != result.CaRequestId)
        {
            record.CaRequestId = result.CaRequestId;

            // AD CS ids are the request ids admins know (-Clear -RequestId 224): take the CA's when it is free.
            if (int.TryParse(result.CaRequestId, NumberStyles.None, CultureInfo.InvariantCulture, out int caId) && _store.Renumber(record, caId))
            {
                log.Verbose(Messages.Format(Strings.VerboseRenumbered, caId));
            }
        }

        switch (result.Outcome)
        {
            case CaOutcome.Issued:
                KeepIssuedUntilInstalled(record);
                return Complete(record, result.Certificates, log);
            case CaOutcome.Pending:
                record.Status = RequestStatus.Pending;
                record.StatusMessage = result.Message;
                _store.Update(record);
                log.Info(Messages.Format(Strings.LogRequestPending, record.CA, record.CaRequestId ?? record.RequestId.ToString(CultureInfo.InvariantCulture)));
                return RecordMapper.ToReference(record);
            case CaOutcome.Denied:
                throw Record(record, RequestStatus.Denied, result, ErrorIds.CaDenied, ErrorKind.PermissionDenied, Strings.CaDenied);
            case CaOutcome.Revoked:
                throw Record(record, RequestStatus.Revoked, result, ErrorIds.CertificateRevoked, ErrorKind.InvalidOperation, Strings.CertificateRevoked);
            case CaOutcome.Unreachable:
                throw Record(record, null, result, ErrorIds.CaUnreachable, ErrorKind.ResourceUnavailable, Strings.CaUnreachable);
            case CaOutcome.Misconfigured when result.ErrorId != null:
                throw Record(record, null, result, result.ErrorId, result.ErrorKind, Strings.ChallengeFailed);
            case CaOutcome.Misconfigured:
                throw Record(record, null, result, ErrorIds.CaMisconfigured, ErrorKind.InvalidOperation, result.NewRequestNeeded ? Strings.CaMisconfiguredNewRequest : Strings.CaMisconfigured);
            case CaOutcome.Stopped:
                throw Stopped(record, log);
            default:
                throw Record(record, RequestStatus.Failed, result, ErrorIds.CaFailed, ErrorKind.InvalidResult, Strings.CaFailed);
        }
    }

    /// <summary>
    /// Installs the certificate of a request: the one of <paramref name="certificates"/> whose key is the
    /// request's, with the rest as its chain. Only when the store, opened again, holds the certificate with its
    /// private key is the request marked Issued and its key file deleted; until then both stay as they were.
    /// </summary>
    /// <exception cref="CsCertificateException">No certificate has the request's key, the key file is missing or unusable, or the store refused the certificate.</exception>
    public CertificateReference Complete(RequestRecord record, IReadOnlyList<byte[]> certificates, OperationLog log)
    {
        byte[]? leaf = certificates.FirstOrDefault(c => CertificateFacts.Read(c).PublicKeyId == record.PublicKeySha256);
        if (leaf == null)
        {
            record.StatusMessage = Strings.CertificateKeyMismatchShort;
            _store.Update(record);
            throw new CsCertificateException(
                ErrorIds.CertificateKeyMismatch,
                ErrorKind.SecurityError,
                Messages.Format(Strings.CertificateKeyMismatch, record.RequestId, record.CA),
                record.RequestId);
        }

        string keyPath = _store.KeyPath(record)!;
        IReadOnlyList<byte[]> chain = CertificateChain.Order(leaf, certificates.Where(c => !ReferenceEquals(c, leaf)).ToList());
        InstalledCertificate installed;
        using (KeyPair key = LoadKey(record))
        {
            try
            {
                installed = _installer.Install(leaf, chain, key, record.FriendlyName, record.PrivateKeyExportable);
            }
            catch (CsCertificateException ex) when (ex.ErrorId == ErrorIds.CertificateInstallFailed)
            {
                throw new CsCertificateException(ex.ErrorId, ex.Kind, ex.Message + " " + Messages.Format(Strings.RequestKeyKept, record.RequestId, keyPath), record.RequestId, ex);
            }
        }

        if (!_installer.HasCertificateWithKey(installed.Thumbprint))
        {
            throw new CsCertificateException(
                ErrorIds.CertificateInstallFailed,
                ErrorKind.WriteError,
                Messages.Format(Strings.CertificateNotReadBack, installed.Thumbprint, installed.StorePath) + " " + Messages.Format(Strings.RequestKeyKept, record.RequestId, keyPath),
                record.RequestId);
        }

        record.Status = RequestStatus.Issued;
        record.StatusMessage = null;
        record.Thumbprint = installed.Thumbprint;
        record.SerialNumber = installed.SerialNumber;
        record.Issuer = installed.Issuer;
        record.NotBefore = RecordMapper.FormatTime(installed.NotBefore);
        record.NotAfter = RecordMapper.FormatTime(installed.NotAfter);
        record.CertificatePath = installed.StorePath;
        record.CertificateId = AcmeCertificateId.Of(leaf);
        record.Subject = installed.Subject;
        record.AlternativeNames = installed.AlternativeNames;
        record.Chain = chain.Select(Convert.ToBase64String).ToArray();
        _store.MarkIssued(record);

        log.Info(Strings.LogCertificateIssued);
        log.Info(Messages.Format(Strings.LogCertificateImported, installed.Thumbprint));
        log.Info(Messages.Format(Strings.LogIssuedThumbprint, installed.Thumbprint, string.Join(",", record.CertificateUses), record.CA ?? Strings.OfflineCa));
        if (!installed.OnCertDrive)
        {
            log.Info(Messages.Format(Strings.LogCertificateInDotNetStore, installed.StorePath, record.RequestId));
        }

        if (!installed.ExportabilityEnforced && !record.PrivateKeyExportable)
        {
            log.Warning(Messages.Format(Strings.WarnExportabilityNotEnforced, installed.StorePath));
        }

        return RecordMapper.ToReference(record);
    }

    /// <summary>
    /// Saves, before the certificate is installed, that the CA holds the request: Pending with the CA's id. An
    /// install that fails then leaves a request that -Retrieve asks the CA for again, never submits a second time.
    /// </summary>
    private void KeepIssuedUntilInstalled(RequestRecord record)
    {
        if (record.CaRequestId == null)
        {
            return;
        }

        record.Status = RequestStatus.Pending;
        record.StatusMessage = Messages.Format(Strings.RequestIssuedNotInstalled, record.CaRequestId);
        _store.Update(record);
    }

    /// <summary>
    /// Reads the request's private key from its file and checks that it is the key the request was made with.
    /// </summary>
    /// <exception cref="CsCertificateException">The key file is missing (<see cref="ErrorIds.RequestKeyMissing"/>) or unusable (<see cref="ErrorIds.RequestKeyUnreadable"/>).</exception>
    public KeyPair LoadKey(RequestRecord record)
    {
        string keyPath = _store.KeyPath(record) ?? throw new CsCertificateException(
            ErrorIds.RequestKeyMissing, ErrorKind.ObjectNotFound, Messages.Format(Strings.RequestKeyMissing, record.RequestId), record.RequestId);
        string pem;
        try
        {
            pem = SharedFile.ReadAllText(keyPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            throw new CsCertificateException(
                ErrorIds.RequestKeyMissing, ErrorKind.ObjectNotFound, Messages.Format(Strings.RequestKeyFileMissing, record.RequestId, keyPath), record.RequestId, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw KeyUnreadable(record, keyPath, ex.Message, ErrorKind.ReadError, ex);
        }

        KeyPair key;
        try
        {
            key = KeyPair.FromPkcs8Pem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException || ex is IOException || ex is ArgumentException || ex is InvalidCastException || ex is InvalidOperationException)
        {
            // The parser's own words are not repeated: they could quote the file, which holds a secret.
            throw KeyUnreadable(record, keyPath, Strings.RequestKeyReasonNotAKey, ErrorKind.InvalidData, ex);
        }

        if (PublicKeyId.Of(key.SubjectPublicKeyInfo) != record.PublicKeySha256)
        {
            key.Dispose();
            throw KeyUnreadable(record, keyPath, Strings.RequestKeyReasonOtherKey, ErrorKind.InvalidData, null);
        }

        return key;
    }

    private static CsCertificateException KeyUnreadable(RequestRecord record, string keyPath, string reason, ErrorKind kind, Exception? inner) =>
        new CsCertificateException(ErrorIds.RequestKeyUnreadable, kind, Messages.Format(Strings.RequestKeyUnreadable, record.RequestId, keyPath, reason), record.RequestId, inner);

    /// <summary>
    /// Keeps a request whose command was stopped: Pending once the CA holds it (its id is known), else as it was
    /// (Submitting), with a message that says so; -Retrieve resumes it either way.
    /// </summary>
    private OperationCanceledException Stopped(RequestRecord record, OperationLog log)
    {
        if (record.CaRequestId != null)
        {
            record.Status = RequestStatus.Pending;
        }

        record.StatusMessage = Messages.Format(Strings.RequestStopped, record.RequestId, record.CA, record.Status);
        _store.Update(record);
        log.Info(record.StatusMessage);
        return new OperationCanceledException(record.StatusMessage);
    }

    private CsCertificateException Record(RequestRecord record, RequestStatus? status, CaResult result, string errorId, ErrorKind kind, string format)
    {
        if (status != null)
        {
            record.Status = status.Value;
        }

        record.StatusMessage = result.Message;
        _store.Update(record);
        string reason = (result.Message ?? Strings.NoReasonGiven).TrimEnd();
        if (result.Code != null && !reason.Contains(result.Code))
        {
            reason += " (" + result.Code + ")";
        }

        // The formats go on with another sentence after the reason.
        if (!reason.EndsWith(".", StringComparison.Ordinal) && !reason.EndsWith(")", StringComparison.Ordinal))
        {
            reason += ".";
        }

        return new CsCertificateException(errorId, kind, Messages.Format(format, record.RequestId, record.CA, reason), record.RequestId);
    }

    /// <summary>The DER of the stored request; the store wrote the PEM, so one block is there.</summary>
    private static byte[] CsrDer(string pem) =>
        PemText.DecodeBase64(PemText.Parse(pem, 1).Single().Body) ?? throw new FormatException("The stored request is not PEM.");
}
