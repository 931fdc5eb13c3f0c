// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Csr;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;
using CsCertificate.Topology;

namespace CsCertificate.Engine;

/// <summary>
/// Orchestrates the parameter sets: topology → names → key → CSR → file or CA → store. The cmdlet calls it
/// and turns its results and exceptions into PowerShell output.
/// </summary>
internal sealed class CertificateRequestEngine
{
    private static readonly int[] s_rsaKeySizes = { 1024, 2048, 4096 };

    private readonly IEngineEnvironment _environment;
    private readonly ISessionTopologySource? _session;

    public CertificateRequestEngine(IEngineEnvironment environment, RequestStore store, ISessionTopologySource? session)
    {
        _environment = environment;
        Store = store;
        _session = session;
    }

    public RequestStore Store { get; }

    /// <summary>Checks the parameters, reads the topology and computes the names; writes nothing.</summary>
    /// <exception cref="CsCertificateException">A parameter is invalid, or the topology or names are.</exception>
    public NewRequestPlan PlanNew(NewRequestOptions options, OperationLog log)
    {
        KeySpec key = CheckKey(options);
        SubjectAttributes attributes = CheckSubjectAttributes(options);
        CheckDestination(options, log);

        DeploymentTopology topology = new TopologySourceResolver(_environment, _session, Store.Home).Load(options.TopologyPaths, log);
        string computer = options.ComputerFqdn ?? _environment.LocalComputerFqdn;
        log.Verbose(options.ComputerFqdn == null
            ? Messages.Format(Strings.VerboseLocalComputer, computer)
            : Messages.Format(Strings.VerboseComputer, computer));

        var namingOptions = new NamingOptions(options.AllSipDomain, NamingOptions.SplitDomainNames(options.DomainName), key.Algorithm, key.RsaKeySize);
        NamingPlan naming = NamingAnalyzer.Analyze(topology, computer, options.Types, namingOptions);
        foreach (string note in naming.Notes)
        {
            log.Verbose(note);
        }

        var csr = new CsrSpec(naming.SubjectName, attributes, naming.AlternativeNames, options.ClientEku, options.Template);
        string friendlyName = string.IsNullOrWhiteSpace(options.FriendlyName)
            ? Messages.Format(Strings.DefaultFriendlyName, naming.SubjectName, string.Join(",", naming.Types), _environment.UtcNow)
            : options.FriendlyName!.Trim();
        var plan = new NewRequestPlan(options, naming, key, csr, friendlyName, topology.Source);

        log.Info(Messages.Format(Strings.LogCertificateUse, plan.Use));
        log.Info(Messages.Format(Strings.LogSubjectName, SubjectFormatter.FormatQuoted(csr.SubjectName, attributes)));
        if (naming.AlternativeNames.Count > 0)
        {
            log.Info(Messages.Format(Strings.LogAlternativeNames, string.Join(",", naming.AlternativeNames)));
        }

        foreach (string warning in naming.Warnings)
        {
            log.Warning(warning);
        }

        return plan;
    }

    /// <summary>
    /// Makes the offline request: key, CSR, the -Output file, then the store. If the file cannot be written
    /// nothing is stored; if the store fails the file is removed again, so the two never disagree.
    /// </summary>
    public CertificateReference CreateOffline(NewRequestPlan plan, OperationLog log)
    {
        string output = plan.Options.OutputPath ?? throw new InvalidOperationException("An offline request needs -Output.");
        log.Verbose(Messages.Format(Strings.VerboseGeneratingKey, plan.Key));
        using KeyPair key = KeyGenerator.Generate(plan.Key);
        CertificateSigningRequest csr = CsrBuilder.Build(plan.Csr, key);

        try
        {
            AtomicFile.Write(output, Encoding.ASCII.GetBytes(csr.Pem), ownerOnly: false);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new CsCertificateException(ErrorIds.OutputNotWritable, ErrorKind.WriteError, Messages.Format(Strings.OutputNotWritable, output, ex.Message), output, ex);
        }

        RequestRecord record = NewRecord(plan, csr, key, RequestStatus.Offline);
        record.OutputPath = output;
        try
        {
            Store.Add(record, key.ToPkcs8Pem());
        }
        catch
        {
            File.Delete(output);
            throw;
        }

        log.Info(Messages.Format(Strings.LogOfflineRequestWritten, output));
        log.Verbose(Messages.Format(Strings.VerboseStored, record.RequestId, Store.KeyPath(record)));
        CertificateReference reference = RecordMapper.ToReference(record);
        log.Output.Add(OutputFormatter.Format(reference));
        return reference;
    }

    /// <summary>Gets the stored requests, or the one with this id.</summary>
    /// <exception cref="CsCertificateException">A single request was asked for and does not exist.</exception>
    public StoreListing List(int? requestId)
    {
        if (requestId == null)
        {
            return Store.List();
        }

        var problems = new List<StoreProblem>();
        RequestRecord? record = Store.Find(requestId.Value, problems);
        if (record == null && problems.Count == 0)
        {
            throw NotFound(requestId.Value);
        }

        return new StoreListing(record == null ? Array.Empty<RequestRecord>() : new[] { record }, problems);
    }

    /// <summary>Deletes a stored request and its key.</summary>
    /// <exception cref="CsCertificateException">No such request is stored.</exception>
    public void Remove(int requestId, OperationLog log)
    {
        if (!Store.Remove(requestId))
        {
            throw NotFound(requestId);
        }

        log.Info(Messages.Format(Strings.LogRequestCleared, requestId));
    }

    /// <summary>Tries to complete stored requests with their CA.</summary>
    /// <exception cref="CsCertificateException">The request is offline, and is completed by importing its certificate instead.</exception>
    public void Retrieve(RequestRecord record, OperationLog log)
    {
        if (record.Status == nameof(RequestStatus.Offline))
        {
            throw new CsCertificateException(
                ErrorIds.OfflineRequestNotRetrievable,
                ErrorKind.InvalidOperation,
                Messages.Format(Strings.OfflineRequestNotRetrievable, record.RequestId, record.OutputPath ?? string.Empty),
                record.RequestId);
        }

        log.Info(Messages.Format(Strings.LogNothingToRetrieve, record.RequestId, record.Status));
    }

    public static CsCertificateException NotFound(int requestId) =>
        new CsCertificateException(ErrorIds.RequestNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.RequestNotFound, requestId), requestId);

    private RequestRecord NewRecord(NewRequestPlan plan, CertificateSigningRequest csr, KeyPair key, RequestStatus status)
    {
        using var sha = SHA256.Create();
        return new RequestRecord
        {
            Status = status.ToString(),
            CertificateUses = plan.Naming.Types.Select(t => t.ToString()).ToArray(),
            SubjectName = plan.Naming.SubjectName,
            Subject = csr.Subject,
            AlternativeNames = plan.Naming.AlternativeNames.ToArray(),
            ComputerFqdn = plan.Naming.ComputerFqdn,
            PoolFqdn = plan.Naming.PoolFqdn,
            Role = plan.Naming.Role.ToString(),
            FriendlyName = plan.FriendlyName,
            CA = plan.Options.CA,
            Template = plan.Options.Template,
            KeyAlgorithm = plan.Key.Algorithm.ToString(),
            KeySize = plan.Key.Bits,
            ClientEku = plan.Options.ClientEku,
            PrivateKeyExportable = plan.Options.PrivateKeyExportable,
            RequestTime = RecordMapper.FormatTime(_environment.UtcNow),
            Csr = csr.Pem,
            PublicKeySha256 = Hex(sha.ComputeHash(key.SubjectPublicKeyInfo)),
            TopologySource = plan.TopologySource,
        };
    }

    private static KeySpec CheckKey(NewRequestOptions options)
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

    private static SubjectAttributes CheckSubjectAttributes(NewRequestOptions options)
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
    private static void CheckDestination(NewRequestOptions options, OperationLog log)
    {
        string? output = options.OutputPath;
        if (output == null)
        {
            throw options.CA == null
                ? new CsCertificateException(ErrorIds.CaNotSpecified, ErrorKind.InvalidArgument, Strings.CaNotSpecified, null)
                : new CsCertificateException(ErrorIds.OnlineEnrollmentNotAvailable, ErrorKind.NotImplemented, Messages.Format(Strings.OnlineEnrollmentNotAvailable, options.CA), options.CA);
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
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
