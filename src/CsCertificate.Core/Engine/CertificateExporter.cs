// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
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
/// Export-CsCertificate: writes an issued request's certificate with its private key, as the certificate store
/// holds them, to a PFX file or to PEM files, with the chain the CA returned. Every check (the request, its state,
/// the files, the key in the store) is made before the first byte is written, so a refusal writes nothing.
/// </summary>
internal sealed class CertificateExporter
{
    private readonly RequestStore _store;
    private readonly ICertificateInstaller _installer;

    public CertificateExporter(RequestStore store, ICertificateInstaller installer)
    {
        _store = store;
        _installer = installer;
    }

    /// <summary>Checks everything an export needs and reads the certificate and key from the store; writes nothing.</summary>
    /// <exception cref="CsCertificateException">The request is missing or not Issued, its key may not leave the store, a file is refused, or the store no longer holds the certificate with its key.</exception>
    public ExportPlan Plan(ExportOptions options, OperationLog log)
    {
        RequestRecord record = Find(options.RequestId);
        if (record.Status != RequestStatus.Issued || record.Thumbprint == null)
        {
            throw new CsCertificateException(
                ErrorIds.ExportRequestNotIssued, ErrorKind.InvalidOperation, Messages.Format(Strings.ExportRequestNotIssued, record.RequestId, record.Status), record.RequestId);
        }

        if (!record.PrivateKeyExportable && _installer.EnforcesNonExportableKeys)
        {
            throw new CsCertificateException(
                ErrorIds.ExportKeyNotExportable, ErrorKind.PermissionDenied, Messages.Format(Strings.ExportKeyNotExportable, record.RequestId, record.CertificatePath), record.RequestId);
        }

        bool pem = options.KeyPath != null;
        string certificatePath = FileFor(options.Path, record, pem ? ".pem" : ".pfx");
        string? keyPath = pem ? FileFor(options.KeyPath!, record, ".key") : null;
        var outputs = new List<NamedPath> { NamedPath.Parameter(OutputFileRole.ExportFile.Parameter, certificatePath) };
        if (keyPath != null)
        {
            outputs.Add(NamedPath.Parameter(OutputFileRole.ExportKeyFile.Parameter, keyPath));
        }

        PathConflicts.Check(outputs, options.OtherFiles);
        OutputFile certificateFile = OutputFile.Check(certificatePath, OutputFileRole.ExportFile, options.Force);
        OutputFile? keyFile = keyPath == null ? null : OutputFile.Check(keyPath, OutputFileRole.ExportKeyFile, options.Force);

        Pkcs12Content installed;
        try
        {
            installed = _installer.ReadWithKey(record.Thumbprint);
        }
        catch (CsCertificateException ex)
        {
            throw new CsCertificateException(ex.ErrorId, ex.Kind, Messages.Format(Strings.ExportRequestRefused, record.RequestId, ex.Message), record.RequestId, ex);
        }

        IReadOnlyList<byte[]> chain = Chain(record, installed, options.Chain, log);
        return new ExportPlan(record, new Pkcs12Content(installed.Key, installed.Certificate, chain, record.FriendlyName), certificateFile, keyFile, options.Algorithm);
    }

    /// <summary>Writes the files of a plan: the PFX, or the private key (owner-only) and then the certificates.</summary>
    /// <param name="plan">What <see cref="Plan"/> found.</param>
    /// <param name="password">The PFX password, or the password of an encrypted PEM key (null: unencrypted); it goes into the encryption only.</param>
    /// <param name="log">The command's log.</param>
    /// <returns>The files written, as the user named them.</returns>
    /// <exception cref="CsCertificateException">A file could not be written, or changed into something that may not be replaced.</exception>
    public IReadOnlyList<string> Write(ExportPlan plan, char[]? password, OperationLog log)
    {
        string thumbprint = plan.Request.Thumbprint!;
        if (plan.KeyFile == null)
        {
            plan.CertificateFile.Write(Pkcs12Writer.Write(plan.Content, password ?? throw new ArgumentNullException(nameof(password)), plan.Algorithm));
            log.Info(Messages.Format(Strings.LogExportedPfx, plan.Request.RequestId, thumbprint, plan.CertificateFile.Path, plan.Algorithm));
            return new[] { plan.CertificateFile.Path };
        }

        plan.KeyFile.Write(PemFiles.PrivateKey(plan.Content.Key, password));
        log.Info(Messages.Format(password == null ? Strings.LogExportedKey : Strings.LogExportedEncryptedKey, plan.Request.RequestId, plan.KeyFile.Path));
        plan.CertificateFile.Write(PemFiles.Certificates(new[] { plan.Content.Certificate }.Concat(plan.Content.Chain)));
        log.Info(Messages.Format(Strings.LogExportedPem, plan.Request.RequestId, thumbprint, plan.CertificateFile.Path));
        return new[] { plan.CertificateFile.Path, plan.KeyFile.Path };
    }

    /// <summary>The file name of a request in a folder: its id and Subject CN, "3-pool.contoso.com.pfx".</summary>
    public static string FileName(RequestRecord record, string extension)
    {
        char[] invalid = Path.GetInvalidFileNameChars().Concat(new[] { '<', '>', ':', '"', '/', '\\', '|', '?', '*' }).ToArray();
        string name = new string(record.SubjectName.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        return record.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + name + extension;
    }

    private static string FileFor(string path, RequestRecord record, string extension) =>
        Directory.Exists(path) ? Path.Combine(path, FileName(record, extension)) : path;

    /// <summary>
    /// The chain to write: the one the CA returned, kept with the request; for a certificate issued before the module
    /// kept it, the issuers the store's CA store holds, and the verbose story says so.
    /// </summary>
    private static IReadOnlyList<byte[]> Chain(RequestRecord record, Pkcs12Content installed, ExportChainOption option, OperationLog log)
    {
        if (option == ExportChainOption.EndEntityCertOnly)
        {
            log.Verbose(Messages.Format(Strings.VerboseExportNoChain, record.RequestId));
            return Array.Empty<byte[]>();
        }

        IReadOnlyList<byte[]> chain = installed.Chain;
        if (record.Chain != null)
        {
            chain = CertificateChain.Order(installed.Certificate, record.Chain.Select(Convert.FromBase64String).ToList());
        }
        else
        {
            log.Verbose(Messages.Format(Strings.VerboseExportChainFromStore, record.RequestId));
        }

        string subjects = chain.Count == 0 ? Strings.NoneValue : string.Join("; ", chain.Select(c => CertificateFacts.Read(c).Subject));
        log.Verbose(Messages.Format(Strings.VerboseExportChain, record.RequestId, chain.Count, subjects));
        return chain;
    }

    private RequestRecord Find(int requestId)
    {
        var problems = new List<StoreProblem>();
        RequestRecord? record = _store.Find(requestId, problems);
        if (record != null)
        {
            return record;
        }

        StoreProblem? problem = problems.FirstOrDefault();
        if (problem != null)
        {
            throw new CsCertificateException(problem.ErrorId, ErrorKind.InvalidData, problem.Message, problem.Path, problem.Exception);
        }

        throw CertificateRequestEngine.NotFound(requestId);
    }
}
