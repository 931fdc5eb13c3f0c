// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
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
    private readonly ICaClientFactory _clients;
    private readonly ICertificateInstaller _installer;
    private readonly string _currentFolder;

    /// <param name="environment">The machine's facts and environment variables.</param>
    /// <param name="store">The request store.</param>
    /// <param name="session">The management shell's topology, when the session has one.</param>
    /// <param name="clients">Makes the CA clients.</param>
    /// <param name="installer">Installs issued certificates.</param>
    /// <param name="currentFolder">PowerShell's current file system location, which relative paths of environment variables start from.</param>
    public CertificateRequestEngine(IEngineEnvironment environment, RequestStore store, ISessionTopologySource? session, ICaClientFactory clients, ICertificateInstaller installer, string currentFolder)
    {
        _environment = environment;
        Store = store;
        _session = session;
        _clients = clients;
        _installer = installer;
        _currentFolder = currentFolder;
        Completion = new RequestCompletion(store, installer, environment);
    }

    public RequestStore Store { get; }

    public RequestCompletion Completion { get; }

    /// <summary>Checks the parameters, reads the topology, computes the names and picks the CA client; writes nothing.</summary>
    /// <exception cref="CsCertificateException">
    /// A parameter is invalid, or the topology, names or CA are, or an output would replace an input or another
    /// output, or the certificate store cannot take the certificate a CA would issue (not elevated on Windows).
    /// </exception>
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
        if (client != null)
        {
            // The certificate is installed when the CA issues it: refuse now, before a key or a CA call, what could not install it.
            _installer.CheckCanInstall();
        }
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
        var plan = new NewRequestPlan(options, naming, key, csr, friendlyName, topology.Source, source.Files.ToList(), client, output) { Challenge = challenge };

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
        MarkRenewed(plan.Renews, record, log);

        log.Info(Messages.Format(Strings.LogRequestSubmitted, client.Name));
        CaResult result;
        using (log.Progress(Strings.ProgressWaitingForCa, client.Name))
        {
            result = client.Submit(Completion.Submission(record), cancel);
        }

        return Output(Completion.Apply(record, result, log), log);
    }

    /// <summary>
    /// Makes the offline request of a renewal: key, CSR and record (which names the request it renews and the
    /// request file: next to the renewed request's file, with the new id in its name), the mark on the renewed
    /// request, then the file. A command killed before the file was written leaves the record; the next
    /// Update-CsCertificate writes the file from it (<see cref="WriteRenewalRequestFile"/>).
    /// </summary>
    /// <exception cref="CsCertificateException">The file cannot be written (nothing is kept), or the store cannot be.</exception>
    public CertificateReference CreateOfflineRenewal(NewRequestPlan plan, OperationLog log)
    {
        RequestRecord previous = plan.Renews ?? throw new InvalidOperationException("An offline renewal renews a request.");
        using KeyPair key = GenerateKey(plan.Key, log);
        CertificateSigningRequest csr = CsrBuilder.Build(plan.Csr, key);
        RequestRecord record = NewRecord(plan, csr, key, RequestStatus.Offline);
        Store.Add(record, key.ToPkcs8Pem(), r => r.OutputPath = RenewalRequestFile(previous, r.RequestId));
        log.Verbose(Messages.Format(Strings.VerboseStored, record.RequestId, Store.KeyPath(record)));
        MarkRenewed(previous, record, log);
        try
        {
            WriteRenewalRequestFile(record, plan.Output, log);
        }
        catch (CsCertificateException)
        {
            Store.Remove(record.RequestId);
            ForgetRenewal(record);
            throw;
        }

        return Output(RecordMapper.ToReference(record), log);
    }

    /// <summary>
    /// Writes the request file of an offline renewal from its record; never over an existing file.
    /// </summary>
    /// <param name="record">The renewal, whose <see cref="RequestRecord.OutputPath"/> names the file.</param>
    /// <param name="planned">The file as the plan checked it, used when it is this one.</param>
    /// <param name="log">The command's log.</param>
    /// <exception cref="CsCertificateException">The file exists, or cannot be written.</exception>
    public void WriteRenewalRequestFile(RequestRecord record, OutputFile? planned, OperationLog log)
    {
        string path = record.OutputPath ?? throw new InvalidOperationException("An offline renewal names its request file.");
        OutputFile output = planned != null && string.Equals(planned.Path, path, StringComparison.Ordinal) ? planned : OutputFile.Check(path, OutputFileRole.Output, replaceExisting: false);
        output.Write(Encoding.ASCII.GetBytes(record.Csr));
        log.Info(Messages.Format(Strings.LogOfflineRequestWritten, path));
    }

    /// <summary>
    /// The request file of an offline renewal: in the folder of the renewed request's file, named like it with the
    /// new request's id before the extension (atl-cs-001.csr of request 1 → atl-cs-001.5.csr for request 5; a
    /// renewal of request 5 then writes atl-cs-001.9.csr, not atl-cs-001.5.9.csr).
    /// </summary>
    public static string RenewalRequestFile(RequestRecord previous, int requestId)
    {
        string original = previous.OutputPath ?? throw new InvalidOperationException("Only an offline request has a request file.");
        string name = Path.GetFileNameWithoutExtension(original);
        string previousSuffix = "." + previous.RequestId.ToString(CultureInfo.InvariantCulture);
        if (previous.Renews != 0 && name.EndsWith(previousSuffix, StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - previousSuffix.Length);
        }

        return Path.Combine(Path.GetDirectoryName(original) ?? string.Empty, name + "." + requestId.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(original));
    }

    /// <summary>
    /// Marks a renewed request with the request that renews it, once that request is stored (which names the
    /// renewed one itself, so a crash between the two loses nothing: the renewal finds it again).
    /// </summary>
    public void MarkRenewed(RequestRecord? previous, RequestRecord renewal, OperationLog log)
    {
        if (previous == null || previous.RenewedBy == renewal.RequestId)
        {
            return;
        }

        previous.RenewedBy = renewal.RequestId;
        Store.Update(previous);
        log.Info(Messages.Format(Strings.LogRenewing, previous.RequestId, renewal.RequestId));
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
        RequestRecord? record = Store.Find(requestId, new List<StoreProblem>());
        if (!Store.Remove(requestId))
        {
            throw NotFound(requestId);
        }

        _clients.RemoveChallenges(requestId, log.Verbose, log.Warning);
        ForgetRenewal(record);

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
            case RequestStatus.Offline:
                throw new CsCertificateException(
                    ErrorIds.OfflineRequestNotRetrievable,
                    ErrorKind.InvalidOperation,
                    Messages.Format(Strings.OfflineRequestNotRetrievable, record.RequestId, record.OutputPath ?? string.Empty),
                    record.RequestId);
            case RequestStatus.Issued:
                log.Info(Messages.Format(Strings.LogAlreadyIssued, record.RequestId, record.Thumbprint));
                return Output(RecordMapper.ToReference(record), log);
            case RequestStatus.Pending:
            case RequestStatus.Submitting:
                // Without its key the request cannot be completed whatever the CA answers: say so before asking it.
                Completion.LoadKey(record).Dispose();
                _installer.CheckCanInstall();
                ICaClient client = _clients.CreateForStoredRequest(record.RequestId, record.CA, record.CaRequestId, log.Verbose, AcmeChallengeChecks.Stored(record), log.Warning);
                CaSubmission submission = Completion.Submission(record);
                log.Info(Messages.Format(Strings.LogRetrieving, record.RequestId, client.Name));
                CaResult result;
                using (log.Progress(Strings.ProgressWaitingForCa, client.Name))
                {
                    result = record.CaRequestId == null ? client.Submit(submission, cancel) : client.Poll(record.CaRequestId, submission, cancel);
                }

                return Output(Completion.Apply(record, result, log), log);
            default:
                (string errorId, string format) = record.Status switch
                {
                    RequestStatus.Revoked => (ErrorIds.CertificateRevoked, Strings.CertificateRevoked),
                    RequestStatus.Denied => (ErrorIds.CaDenied, Strings.CaDenied),
                    _ => (ErrorIds.CaFailed, Strings.CaFailed),
                };
                throw new CsCertificateException(errorId, ErrorKind.InvalidOperation, Messages.Format(format, record.RequestId, record.CA, record.StatusMessage ?? Strings.NoReasonGiven), record.RequestId);
        }
    }

    /// <summary>A renewal that is gone no longer renews its request: the next Update-CsCertificate renews that one again.</summary>
    private void ForgetRenewal(RequestRecord? renewal)
    {
        RequestRecord? renewed = renewal == null || renewal.Renews == 0 ? null : Store.Find(renewal.Renews, new List<StoreProblem>());
        if (renewed != null && renewed.RenewedBy == renewal!.RequestId)
        {
            renewed.RenewedBy = 0;
            Store.Update(renewed);
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

    /// <summary>Prints a result into the log's Output section (the report's) and returns it.</summary>
    public static CertificateReference Output(CertificateReference reference, OperationLog log)
    {
        log.Output.Add(OutputFormatter.Format(reference));
        return reference;
    }

    private RequestRecord NewRecord(NewRequestPlan plan, CertificateSigningRequest csr, KeyPair key, RequestStatus status) =>
        new RequestRecord
        {
            Renews = plan.Renews?.RequestId ?? 0,
            PreviousThumbprint = plan.Renews?.Thumbprint,
            Replaces = plan.Renews?.CertificateId,
            Status = status,
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
            TopologyPaths = plan.TopologyFiles.Count == 0 ? null : plan.TopologyFiles.ToArray(),
            Organization = plan.Csr.Attributes.Organization,
            OrganizationalUnit = plan.Csr.Attributes.OrganizationalUnit,
            City = plan.Csr.Attributes.City,
            State = plan.Csr.Attributes.State,
            Country = plan.Csr.Attributes.Country,
            DomainName = plan.Options.DomainName,
            AllSipDomain = plan.Options.AllSipDomain,
            CaAccount = plan.Options.CaAccount,
            GivenFriendlyName = string.IsNullOrWhiteSpace(plan.Options.FriendlyName) ? null : plan.FriendlyName,
        };
}
