// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Certificates;
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
    private readonly IEngineEnvironment _environment;
    private readonly ISessionTopologySource? _session;
    private readonly CaClientFactory _clients;
    private readonly string _currentFolder;

    /// <param name="environment">The machine's facts and environment variables.</param>
    /// <param name="store">The request store.</param>
    /// <param name="session">The management shell's topology, when the session has one.</param>
    /// <param name="clients">Makes the CA clients.</param>
    /// <param name="installer">Installs issued certificates.</param>
    /// <param name="currentFolder">PowerShell's current file system location, which relative paths of environment variables start from.</param>
    public CertificateRequestEngine(IEngineEnvironment environment, RequestStore store, ISessionTopologySource? session, CaClientFactory clients, ICertificateInstaller installer, string currentFolder)
    {
        _environment = environment;
        Store = store;
        _session = session;
        _clients = clients;
        _currentFolder = currentFolder;
        Completion = new RequestCompletion(store, installer, environment);
    }

    public RequestStore Store { get; }

    public RequestCompletion Completion { get; }

    /// <summary>Checks the parameters, reads the topology, computes the names and picks the CA client; writes nothing.</summary>
    /// <exception cref="CsCertificateException">A parameter is invalid, or the topology, names or CA are, or an output would replace an input or another output.</exception>
    public NewRequestPlan PlanNew(NewRequestOptions options, OperationLog log, string? caPassword)
    {
        KeySpec key = NewRequestChecks.CheckKey(options);
        SubjectAttributes attributes = NewRequestChecks.CheckSubjectAttributes(options);
        NewRequestChecks.CheckFriendlyName(options);
        OutputFile? output = NewRequestChecks.CheckDestination(options, log);
        NewRequestChecks.CheckCredentials(options, caPassword != null);
        AcmeChallengeOptions challenge = AcmeChallengeChecks.Check(options);
        Store.CheckRoomForRequest();
        ICaClient? client = options.OutputPath == null && options.CA != null
            ? _clients.Create(options.CA, options.CaAccount, caPassword, log.Verbose, challenge, log.Warning)
            : null;
        bool acme = client != null && CaClientFactory.IsAcmeDirectory(options.CA!);

        TopologySource source = new TopologySourceResolver(_environment, _session, Store.Home, _currentFolder).Find(options.TopologyPaths);
        var outputs = new List<NamedPath>();
        if (output != null)
        {
            outputs.Add(NamedPath.Parameter(OutputFileRole.Output.Parameter, output.Path));
        }

        outputs.AddRange(options.ReportFiles);
        PathConflicts.Check(outputs, source.Files.Select(f => new NamedPath(Messages.Format(Strings.ConflictTopologyFile, f), f)).ToList());
        DeploymentTopology topology = TopologySourceResolver.Load(source, log);
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

        IReadOnlyList<string> alternativeNames = naming.AlternativeNames;
        string? wildcard = alternativeNames.FirstOrDefault(n => n.StartsWith("*.", StringComparison.Ordinal));
        if (acme && challenge.Type == AcmeChallengeType.Http01 && wildcard != null)
        {
            throw new CsCertificateException(ErrorIds.AcmeWildcardNeedsDns01, ErrorKind.InvalidArgument, Messages.Format(Strings.AcmeWildcardNeedsDns, wildcard), wildcard);
        }

        if (client?.RequiresSubjectInAlternativeNames == true && !string.Equals(alternativeNames.FirstOrDefault(), naming.SubjectName, StringComparison.OrdinalIgnoreCase))
        {
            // Public and ACME CAs take names only from the SAN and name the certificate after its first entry.
            alternativeNames = new[] { naming.SubjectName }.Concat(alternativeNames.Where(n => !string.Equals(n, naming.SubjectName, StringComparison.OrdinalIgnoreCase))).ToList();
            log.Verbose(Messages.Format(Strings.VerboseSubjectAddedToSan, naming.SubjectName, client.Name));
        }

        var csr = new CsrSpec(naming.SubjectName, attributes, alternativeNames, options.ClientEku, options.Template);
        string friendlyName = string.IsNullOrWhiteSpace(options.FriendlyName)
            ? Messages.Format(Strings.DefaultFriendlyName, naming.SubjectName, string.Join(",", naming.Types), _environment.UtcNow)
            : options.FriendlyName!.Trim();
        var plan = new NewRequestPlan(options, naming, key, csr, friendlyName, topology.Source, client, output) { Challenge = challenge };

        log.Info(Messages.Format(Strings.LogCertificateUse, plan.Use));
        log.Info(Messages.Format(Strings.LogSubjectName, SubjectFormatter.FormatQuoted(csr.SubjectName, attributes)));
        if (alternativeNames.Count > 0)
        {
            log.Info(Messages.Format(Strings.LogAlternativeNames, string.Join(",", alternativeNames)));
        }

        foreach (string warning in naming.Warnings)
        {
            log.Warning(warning);
        }

        if (acme)
        {
            WarnAboutAcme(options, log);
        }

        return plan;
    }

    /// <summary>
    /// Makes the offline request: key, CSR, the -Output file, then the store. If the file cannot be written
    /// nothing is stored; if the store fails the file is removed again, so the two never disagree.
    /// </summary>
    public CertificateReference CreateOffline(NewRequestPlan plan, OperationLog log)
    {
        OutputFile output = plan.Output ?? throw new InvalidOperationException("An offline request needs -Output.");
        using KeyPair key = GenerateKey(plan.Key, log);
        CertificateSigningRequest csr = CsrBuilder.Build(plan.Csr, key);
        string written = output.Write(Encoding.ASCII.GetBytes(csr.Pem));

        RequestRecord record = NewRecord(plan, csr, key, RequestStatus.Offline);
        record.OutputPath = output.Path;
        try
        {
            Store.Add(record, key.ToPkcs8Pem());
        }
        catch
        {
            // The file a link names goes, never the link.
            File.Delete(written);
            throw;
        }

        log.Info(Messages.Format(Strings.LogOfflineRequestWritten, output.Path));
        log.Verbose(Messages.Format(Strings.VerboseStored, record.RequestId, Store.KeyPath(record)));
        return Output(RecordMapper.ToReference(record), log);
    }

    /// <summary>
    /// Sends the request to the CA. The record, with its key and CSR, is saved as Submitting before the CA is
    /// called, so a crash or an outage leaves a visible request, never a lost key.
    /// </summary>
    /// <param name="plan">What -New checked.</param>
    /// <param name="log">The command's log.</param>
    /// <param name="cancel">The command's stop (Ctrl+C): before the request is stored nothing is kept; after, the
    /// request is kept as Submitting or Pending and -Retrieve resumes it.</param>
    /// <exception cref="CsCertificateException">The CA refused the request or could not be reached; the record says so.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped; the record, if stored, says so.</exception>
    public CertificateReference CreateOnline(NewRequestPlan plan, OperationLog log, CancellationToken cancel)
    {
        ICaClient client = plan.Client ?? throw new InvalidOperationException("An online request needs a CA.");
        using KeyPair key = GenerateKey(plan.Key, log);
        CertificateSigningRequest csr = CsrBuilder.Build(plan.Csr, key);
        cancel.ThrowIfCancellationRequested();
        RequestRecord record = NewRecord(plan, csr, key, RequestStatus.Submitting);
        record.CA = client.Name;
        AcmeChallengeChecks.Store(plan.Challenge, record);
        Store.Add(record, key.ToPkcs8Pem());
        log.Verbose(Messages.Format(Strings.VerboseStored, record.RequestId, Store.KeyPath(record)));

        log.Info(Messages.Format(Strings.LogRequestSubmitted, client.Name));
        CaResult result;
        using (log.Progress(Strings.ProgressWaitingForCa, client.Name))
        {
            result = client.Submit(RequestCompletion.Submission(record), cancel);
        }

        return Output(Completion.Apply(record, result, log), log);
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

    /// <summary>Reads every stored request one at a time (see <see cref="RequestStore.ReadAll"/>).</summary>
    /// <exception cref="CsCertificateException">The store was written by a newer module.</exception>
    public IEnumerable<RequestRecord> ListAll(List<StoreProblem> problems) => Store.ReadAll(problems);

    /// <summary>Deletes a stored request and its key.</summary>
    /// <exception cref="CsCertificateException">No such request is stored.</exception>
    public void Remove(int requestId, OperationLog log)
    {
        if (!Store.Remove(requestId))
        {
            throw NotFound(requestId);
        }

        _clients.RemoveChallenges(requestId, log.Verbose, log.Warning);

        log.Info(Messages.Format(Strings.LogRequestCleared, requestId));
    }

    /// <summary>
    /// Finds the key files that no stored request has (see <see cref="RequestStore.FindOrphanedKeys"/>). Recent ones
    /// may belong to a request being made now: they are kept, and the verbose story says so.
    /// </summary>
    /// <returns>The key files that -Clear may delete.</returns>
    public IReadOnlyList<OrphanedKey> FindOrphanedKeys(OperationLog log)
    {
        var removable = new List<OrphanedKey>();
        foreach (OrphanedKey key in Store.FindOrphanedKeys())
        {
            if (key.IsRecent)
            {
                log.Verbose(Messages.Format(Strings.VerboseOrphanedKeyRecent, key.Path, key.WrittenUtc, (int)RequestStore.OrphanedKeyMinimumAge.TotalMinutes));
            }
            else
            {
                removable.Add(key);
            }
        }

        return removable;
    }

    /// <summary>Deletes a key file that no stored request has, unless a request of its number appeared meanwhile.</summary>
    public void RemoveOrphanedKey(OrphanedKey key, OperationLog log)
    {
        if (Store.RemoveOrphanedKey(key))
        {
            log.Info(Messages.Format(Strings.LogOrphanedKeyRemoved, key.Path));
        }
        else
        {
            log.Verbose(Messages.Format(Strings.VerboseOrphanedKeyKept, key.Path));
        }
    }

    /// <summary>
    /// Completes a stored request with its CA: a pending one is polled, one that never reached the CA is sent
    /// again. Issued, denied, revoked and failed requests report what they are.
    /// </summary>
    /// <exception cref="CsCertificateException">The request cannot be retrieved, or the CA refused or failed it.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped (Ctrl+C); the record says so.</exception>
    public CertificateReference Retrieve(RequestRecord record, OperationLog log, CancellationToken cancel)
    {
        switch (record.Status)
        {
            case nameof(RequestStatus.Offline):
                throw new CsCertificateException(
                    ErrorIds.OfflineRequestNotRetrievable,
                    ErrorKind.InvalidOperation,
                    Messages.Format(Strings.OfflineRequestNotRetrievable, record.RequestId, record.OutputPath ?? string.Empty),
                    record.RequestId);
            case nameof(RequestStatus.Issued):
                log.Info(Messages.Format(Strings.LogAlreadyIssued, record.RequestId, record.Thumbprint));
                return Output(RecordMapper.ToReference(record), log);
            case nameof(RequestStatus.Pending):
            case nameof(RequestStatus.Submitting):
                // Without its key the request cannot be completed whatever the CA answers: say so before asking it.
                Completion.LoadKey(record).Dispose();
                ICaClient client = _clients.CreateForStoredRequest(record.RequestId, record.CA, record.CaRequestId, log.Verbose, AcmeChallengeChecks.Stored(record), log.Warning);
                CaSubmission submission = RequestCompletion.Submission(record);
                log.Info(Messages.Format(Strings.LogRetrieving, record.RequestId, client.Name));
                CaResult result;
                using (log.Progress(Strings.ProgressWaitingForCa, client.Name))
                {
                    result = record.CaRequestId == null ? client.Submit(submission, cancel) : client.Poll(record.CaRequestId, submission, cancel);
                }

                return Output(Completion.Apply(record, result, log), log);
            default:
                string errorId = record.Status == nameof(RequestStatus.Revoked) ? ErrorIds.CertificateRevoked
                    : record.Status == nameof(RequestStatus.Denied) ? ErrorIds.CaDenied
                    : ErrorIds.CaFailed;
                string format = record.Status == nameof(RequestStatus.Revoked) ? Strings.CertificateRevoked
                    : record.Status == nameof(RequestStatus.Denied) ? Strings.CaDenied
                    : Strings.CaFailed;
                throw new CsCertificateException(errorId, ErrorKind.InvalidOperation, Messages.Format(format, record.RequestId, record.CA, record.StatusMessage ?? Strings.NoReasonGiven), record.RequestId);
        }
    }

    public static CsCertificateException NotFound(int requestId) =>
        new CsCertificateException(ErrorIds.RequestNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.RequestNotFound, requestId), requestId);

    /// <summary>
    /// What an ACME CA does not do with the parameters of the original cmdlet, said before the order: public CAs no
    /// longer issue the client-authentication EKU, and none takes a template or Subject attributes.
    /// </summary>
    private static void WarnAboutAcme(NewRequestOptions options, OperationLog log)
    {
        if (options.ClientEku)
        {
            log.Warning(Strings.WarnAcmeClientEku);
        }

        var ignored = new List<string>();
        foreach ((string parameter, string? value) in new[]
        {
            ("-Template", options.Template), ("-Organization", options.Organization), ("-OU", options.OrganizationalUnit),
            ("-City", options.City), ("-State", options.State), ("-Country", options.Country),
        })
        {
            if (value != null)
            {
                ignored.Add(parameter);
            }
        }

        if (ignored.Count > 0)
        {
            log.Warning(Messages.Format(Strings.WarnAcmeIgnoredParameters, string.Join(", ", ignored)));
        }
    }

    private static KeyPair GenerateKey(KeySpec spec, OperationLog log)
    {
        log.Verbose(Messages.Format(Strings.VerboseGeneratingKey, spec));
        using (log.Progress(Strings.ProgressGeneratingKey, spec.ToString()))
        {
            return KeyGenerator.Generate(spec);
        }
    }

    private static CertificateReference Output(CertificateReference reference, OperationLog log)
    {
        log.Output.Add(OutputFormatter.Format(reference));
        return reference;
    }

    private RequestRecord NewRecord(NewRequestPlan plan, CertificateSigningRequest csr, KeyPair key, RequestStatus status) =>
        new RequestRecord
        {
            Status = status.ToString(),
            CertificateUses = plan.Naming.Types.Select(t => t.ToString()).ToArray(),
            SubjectName = plan.Naming.SubjectName,
            Subject = csr.Subject,
            AlternativeNames = plan.Csr.AlternativeNames.ToArray(),
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
            PublicKeySha256 = PublicKeyId.Of(key.SubjectPublicKeyInfo),
            TopologySource = plan.TopologySource,
        };
}
