// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
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
/// Import-CsCertificate: completes an offline (or pending) request with the certificate the CA returned, found
/// by its public key as certreq -accept does, or installs a PFX that carries its own key.
/// </summary>
internal sealed class CertificateImporter
{
    private readonly RequestStore _store;
    private readonly RequestCompletion _completion;
    private readonly ICertificateInstaller _installer;

    public CertificateImporter(RequestStore store, RequestCompletion completion, ICertificateInstaller installer)
    {
        _store = store;
        _completion = completion;
        _installer = installer;
    }

    /// <summary>Reads the file; nothing is installed yet, so -WhatIf can show what would happen.</summary>
    /// <exception cref="CsCertificateException">The file is missing, too large or not a certificate, or no stored request has its key.</exception>
    public ImportPlan Plan(string path, OperationLog log)
    {
        byte[] content = ReadFile(path);
        CertificateResponse response = CertificateResponseReader.Read(content, path);
        if (response.IsPkcs12)
        {
            log.Info(Messages.Format(Strings.LogImportingPfx, path));
            return new ImportPlan(path, content, response, null);
        }

        var records = _store.List().Records;
        foreach (byte[] certificate in response.Certificates)
        {
            string keyId = CertificateFacts.PublicKeyIdOf(certificate);
            RequestRecord? record = records.FirstOrDefault(r => r.KeyFile != null && r.PublicKeySha256 == keyId && r.Status != nameof(RequestStatus.Issued));
            if (record != null)
            {
                log.Info(Messages.Format(Strings.LogImportMatched, path, record.RequestId));
                return new ImportPlan(path, content, response, record);
            }
        }

        throw new CsCertificateException(ErrorIds.CertificateNotRequested, ErrorKind.ObjectNotFound, Messages.Format(Strings.CertificateNotRequested, path), path);
    }

    /// <summary>Installs what <see cref="Plan"/> found and completes its request.</summary>
    public CertificateReference Import(ImportPlan plan, string? password, bool? exportable, OperationLog log)
    {
        CertificateReference reference = Install(plan, password, exportable, log);
        log.Output.Add(OutputFormatter.Format(reference));
        return reference;
    }

    private CertificateReference Install(ImportPlan plan, string? password, bool? exportable, OperationLog log)
    {
        if (plan.Request == null)
        {
            InstalledCertificate installed = _installer.InstallPkcs12(plan.Content, password, exportable ?? false);
            log.Info(Messages.Format(Strings.LogCertificateImported, installed.Thumbprint));
            return new CertificateReference
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
            };
        }

        RequestRecord record = plan.Request;
        if (exportable != null)
        {
            record.PrivateKeyExportable = exportable.Value;
        }

        return _completion.Complete(record, plan.Response.Certificates, log);
    }

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
