// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// Import-CsCertificate: completes offline (or pending) requests with the certificates the CA returned, each found
/// by its public key as certreq -accept does, or installs a PFX that carries its own key. Every certificate of a
/// file that is not a CA's is checked before anything is installed: it must be valid now (or within a day), and
/// carry every name of its request; a refused certificate leaves its request and key exactly as they were.
/// </summary>
internal sealed class CertificateImporter
{
    /// <summary>How far in the future a certificate may start: clocks differ, and some CAs date certificates ahead.</summary>
    public static readonly TimeSpan NotBeforeTolerance = TimeSpan.FromDays(1);

    private readonly RequestStore _store;
    private readonly RequestCompletion _completion;
    private readonly ICertificateInstaller _installer;
    private readonly IEngineEnvironment _environment;

    public CertificateImporter(RequestStore store, RequestCompletion completion, ICertificateInstaller installer, IEngineEnvironment environment)
    {
        _store = store;
        _completion = completion;
        _installer = installer;
        _environment = environment;
    }

    /// <summary>
    /// Reads the file and decides, for each certificate issued for a request, what would happen; nothing is
    /// installed or changed, so -WhatIf can show it. A certificate that lacks names of its request is refused
    /// unless <paramref name="force"/>, and then a warning lists the names.
    /// </summary>
    /// <exception cref="CsCertificateException">
    /// The file is missing, too large or not a certificate, or holds only CA certificates; or the certificate
    /// store cannot be written (<see cref="ErrorIds.CertificateStoreNotWritable"/>, not elevated on Windows).
    /// </exception>
    public ImportPlan Plan(string path, bool force, OperationLog log)
    {
        byte[] content = ReadFile(path);
        CertificateResponse response = CertificateResponseReader.Read(content, path);
        if (response.IsPkcs12)
        {
            _installer.CheckCanInstall();
            log.Info(Messages.Format(Strings.LogImportingPfx, path));
            return ImportPlan.ForPkcs12(path, content);
        }

        List<CertificateFacts> certificates = response.Certificates.Select(CertificateFacts.Read).ToList();

        // CA certificates say so, or issued another certificate of the file; the others were issued for requests.
        List<CertificateFacts> leaves = certificates.Where(c => !c.IsCertificationAuthority && !certificates.Any(c.Issued)).ToList();
        if (leaves.Count == 0)
        {
            throw new CsCertificateException(
                ErrorIds.CertificateNotRequested,
                ErrorKind.ObjectNotFound,
                Messages.Format(Strings.CertificateFileOnlyCa, path, string.Join("; ", certificates.Select(c => c.Subject))),
                path);
        }

        IReadOnlyList<byte[]> chain = certificates.Except(leaves).Select(c => c.Der).ToList();
        IReadOnlyList<RequestRecord> records = _store.List().Records;
        var completing = new Dictionary<int, CertificateFacts>();
        var items = new List<ImportItem>();
        foreach (CertificateFacts leaf in leaves)
        {
            ImportItem item = PlanItem(path, leaf, chain, records, completing, force, log);
            if (item.Action == ImportAction.Complete)
            {
                completing[item.Request!.RequestId] = leaf;
            }

            items.Add(item);
        }

        if (items.Any(i => i.Action == ImportAction.Complete))
        {
            // Before anything is installed: a store that cannot be written (not elevated) would fail every item.
            _installer.CheckCanInstall();
        }

        return ImportPlan.ForCertificates(path, content, items);
    }

    /// <summary>Installs the certificate and key of a PFX file (the installer re-encodes it for the platform's store).</summary>
    public CertificateReference ImportPkcs12(ImportPlan plan, string? password, bool exportable, OperationLog log)
    {
        InstalledCertificate installed = _installer.InstallPkcs12(plan.Content, password, exportable);
        log.Info(Messages.Format(Strings.LogCertificateImported, installed.Thumbprint));
        if (!installed.OnCertDrive)
        {
            log.Info(Messages.Format(Strings.LogPfxInDotNetStore, installed.StorePath));
        }

        return Output(
            new CertificateReference
            {
                Issuer = installed.Issuer,
                NotAfter = installed.NotAfter,
                NotBefore = installed.NotBefore,
                SerialNumber = installed.SerialNumber,
                Subject = installed.Subject,
                AlternativeNames = installed.AlternativeNames,
                Thumbprint = installed.Thumbprint,
                RequestStatus = RequestStatus.Issued,
                Path = installed.StorePath,
            },
            log);
    }

    /// <summary>Installs a certificate that <see cref="Plan"/> found for a request, and completes the request.</summary>
    /// <exception cref="CsCertificateException">The key file is missing or unusable, or the store refused the certificate; the request is unchanged.</exception>
    public CertificateReference Complete(ImportItem item, bool? exportable, OperationLog log)
    {
        RequestRecord record = item.Request ?? throw new InvalidOperationException("Only a certificate for a request is completed.");
        if (exportable != null)
        {
            record.PrivateKeyExportable = exportable.Value;
        }

        return Output(_completion.Complete(record, new[] { item.Certificate.Der }.Concat(item.Chain).ToList(), log), log);
    }

    /// <summary>The result for a certificate already installed as a request's: that request, as it is.</summary>
    public CertificateReference AlreadyInstalled(ImportItem item, OperationLog log)
    {
        RequestRecord record = item.Request ?? throw new InvalidOperationException("Only a certificate of a request is already installed.");
        log.Info(Messages.Format(Strings.LogAlreadyInstalled, item.Certificate.Thumbprint, item.Path, record.RequestId));
        return Output(RecordMapper.ToReference(record), log);
    }

    private static CertificateReference Output(CertificateReference reference, OperationLog log)
    {
        log.Output.Add(OutputFormatter.Format(reference));
        return reference;
    }

    private ImportItem PlanItem(string path, CertificateFacts leaf, IReadOnlyList<byte[]> chain, IReadOnlyList<RequestRecord> records, Dictionary<int, CertificateFacts> completing, bool force, OperationLog log)
    {
        RequestRecord? installedAs = records.FirstOrDefault(r => IsIssued(r) && string.Equals(r.Thumbprint, leaf.Thumbprint, StringComparison.OrdinalIgnoreCase));
        if (installedAs != null)
        {
            return ImportItem.AlreadyInstalled(path, leaf, installedAs);
        }

        List<RequestRecord> sameKey = records.Where(r => r.PublicKeySha256 == leaf.PublicKeyId).ToList();
        RequestRecord? record = sameKey.FirstOrDefault(r => !IsIssued(r) && !completing.ContainsKey(r.RequestId));
        if (record == null)
        {
            return ImportItem.Refuse(path, leaf, NotCompletable(path, leaf, sameKey, completing));
        }

        try
        {
            Check(path, leaf, record, force, log);
        }
        catch (CsCertificateException ex)
        {
            return ImportItem.Refuse(path, leaf, ex);
        }

        log.Info(Messages.Format(Strings.LogImportMatched, path, record.RequestId, leaf.Thumbprint));
        return ImportItem.Complete(path, leaf, record, chain);
    }

    /// <summary>The checks a certificate for <paramref name="record"/> must pass before it is installed.</summary>
    /// <exception cref="CsCertificateException">The key is gone, the certificate is not valid now, or it lacks names of the request (without -Force).</exception>
    private void Check(string path, CertificateFacts leaf, RequestRecord record, bool force, OperationLog log)
    {
        _completion.LoadKey(record).Dispose();

        DateTime now = _environment.UtcNow;
        if (leaf.NotAfter < now)
        {
            throw new CsCertificateException(
                ErrorIds.CertificateExpired,
                ErrorKind.InvalidData,
                Messages.Format(Strings.CertificateExpired, leaf.Thumbprint, leaf.Subject, path, Time(leaf.NotAfter), record.RequestId),
                path);
        }

        if (leaf.NotBefore > now + NotBeforeTolerance)
        {
            throw new CsCertificateException(
                ErrorIds.CertificateNotYetValid,
                ErrorKind.InvalidData,
                Messages.Format(Strings.CertificateNotYetValid, leaf.Thumbprint, leaf.Subject, path, Time(leaf.NotBefore), record.RequestId),
                path);
        }

        IReadOnlyList<string> missing = leaf.MissingNames(new[] { record.SubjectName }.Concat(record.AlternativeNames));
        if (missing.Count == 0)
        {
            return;
        }

        string names = string.Join(", ", missing);
        if (!force)
        {
            throw new CsCertificateException(
                ErrorIds.CertificateNamesMissing,
                ErrorKind.InvalidData,
                Messages.Format(Strings.CertificateNamesMissing, leaf.Thumbprint, leaf.Subject, path, record.RequestId, names),
                path);
        }

        log.Warning(Messages.Format(Strings.WarnCertificateNamesMissing, leaf.Thumbprint, leaf.Subject, record.RequestId, names));
    }

    /// <summary>Why a certificate that no waiting request takes cannot be installed.</summary>
    private static CsCertificateException NotCompletable(string path, CertificateFacts leaf, List<RequestRecord> sameKey, Dictionary<int, CertificateFacts> completing)
    {
        RequestRecord? taken = sameKey.FirstOrDefault(r => completing.ContainsKey(r.RequestId));
        if (taken != null)
        {
            return new CsCertificateException(
                ErrorIds.RequestAlreadyIssued,
                ErrorKind.ResourceExists,
                Messages.Format(Strings.RequestCompletedInSameFile, leaf.Thumbprint, leaf.Subject, path, taken.RequestId, completing[taken.RequestId].Thumbprint),
                path);
        }

        RequestRecord? issued = sameKey.FirstOrDefault(IsIssued);
        if (issued != null)
        {
            return new CsCertificateException(
                ErrorIds.RequestAlreadyIssued,
                ErrorKind.ResourceExists,
                Messages.Format(Strings.RequestAlreadyIssued, leaf.Thumbprint, leaf.Subject, path, issued.RequestId, issued.Thumbprint),
                path);
        }

        return new CsCertificateException(
            ErrorIds.CertificateNotRequested,
            ErrorKind.ObjectNotFound,
            Messages.Format(Strings.CertificateNotRequested, path, leaf.Thumbprint, leaf.Subject),
            path);
    }

    private static bool IsIssued(RequestRecord record) => record.Status == RequestStatus.Issued;

    private static string Time(DateTime utc) => utc.ToString("u", CultureInfo.InvariantCulture);

    private static byte[] ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > CertificateResponseReader.MaxContentBytes)
            {
                throw new CsCertificateException(
                    ErrorIds.CertificateResponseInvalid,
                    ErrorKind.InvalidData,
                    Messages.Format(Strings.CertificateFileTooLarge, path, CertificateResponseReader.MaxContentBytes),
                    path);
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            throw new CsCertificateException(ErrorIds.CertificateFileNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.CertificateFileNotFound, path), path, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new CsCertificateException(ErrorIds.CertificateFileNotFound, ErrorKind.ReadError, Messages.Format(Strings.CertificateFileUnreadable, path, ex.Message), path, ex);
        }
    }
}
