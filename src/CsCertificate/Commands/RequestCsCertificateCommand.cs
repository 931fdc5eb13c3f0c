// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// Request-CsCertificate: requests the certificates that Lync Server and Skype for Business Server roles need,
/// with the Subject and SAN computed from the topology, and lists, retrieves and clears stored requests.
/// </summary>
[Cmdlet(VerbsLifecycle.Request, "CsCertificate", DefaultParameterSetName = ParameterSets.New, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CertificateReference), ParameterSetName = new[] { ParameterSets.New, ParameterSets.Retrieve })]
[OutputType(typeof(CsCertificateRequest), ParameterSetName = new[] { ParameterSets.List })]
public sealed class RequestCsCertificateCommand : CsCertificateCommandBase
{
    private CertificateRequestEngine? _engine;

    #region Parameters

    /// <summary>Gets or sets a value indicating whether a new certificate is requested.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.New)]
    public SwitchParameter New { get; set; }

    /// <summary>Gets or sets a value indicating whether stored requests are listed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.List)]
    public SwitchParameter List { get; set; }

    /// <summary>Gets or sets a value indicating whether pending requests are completed with their CA.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Retrieve)]
    public SwitchParameter Retrieve { get; set; }

    /// <summary>Gets or sets a value indicating whether stored requests are deleted.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Clear)]
    public SwitchParameter Clear { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether -Clear deletes only the key files that no stored request has. It is a
    /// switch of the Clear set, so that the command keeps the original's four parameter sets.
    /// </summary>
    [Parameter(ParameterSetName = ParameterSets.Clear)]
    public SwitchParameter OrphanedKey { get; set; }

    /// <summary>Gets or sets the certificate uses to request.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public CertType[] Type { get; set; } = Array.Empty<CertType>();

    /// <summary>Gets or sets a value indicating whether every SIP domain, not only the default one, is in scope.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public SwitchParameter AllSipDomain { get; set; }

    /// <summary>Gets or sets the CA: "host\CAName" for AD CS, or the https:// URL of an ACME directory.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? CA { get; set; }

    /// <summary>
    /// Gets or sets the account that submits to an AD CS CA (domain\user), or the key id of an ACME CA's External
    /// Account Binding.
    /// </summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? CaAccount { get; set; }

    /// <summary>
    /// Gets or sets the password of <see cref="CaAccount"/>, or the base64url HMAC key of the External Account
    /// Binding; it is never written anywhere.
    /// </summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? CaPassword { get; set; }

    /// <summary>Gets or sets the city (L) of the Subject.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? City { get; set; }

    /// <summary>Gets or sets a value indicating whether the client authentication EKU is requested.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public bool ClientEKU { get; set; }

    /// <summary>Gets or sets the computer the certificate is for; the local computer when omitted.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ArgumentCompleter(typeof(ComputerFqdnCompleter))]
    public Fqdn? ComputerFqdn { get; set; }

    /// <summary>Gets or sets the two-letter ISO 3166 country code (C) of the Subject.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? Country { get; set; }

    /// <summary>Gets or sets extra SAN entries, comma-separated.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? DomainName { get; set; }

    /// <summary>Gets or sets the certificate's friendly name; generated when omitted.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? FriendlyName { get; set; }

    /// <summary>Gets or sets a global catalog server (kept for compatibility; the topology comes from files or the session).</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public Fqdn? GlobalCatalog { get; set; }

    /// <summary>Gets or sets the domain controller of the global settings (kept for compatibility).</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public Fqdn? GlobalSettingsDomainController { get; set; }

    /// <summary>Gets or sets the key algorithm.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public KeyAlgorithmIdentifier KeyAlg { get; set; } = KeyAlgorithmIdentifier.RSA;

    /// <summary>Gets or sets the RSA key size in bits.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateSet("1024", "2048", "4096")]
    public int KeySize { get; set; } = 2048;

    /// <summary>Gets or sets the organization (O) of the Subject.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? Organization { get; set; }

    /// <summary>Gets or sets the organizational unit (OU) of the Subject.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? OU { get; set; }

    /// <summary>Gets or sets the file for an offline request.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? Output { get; set; }

    /// <summary>Gets or sets a value indicating whether the private key may be exported once installed.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public bool PrivateKeyExportable { get; set; }

    /// <summary>Gets or sets the state or province (S) of the Subject.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public string? State { get; set; }

    /// <summary>Gets or sets the certificate template name (not its display name).</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? Template { get; set; }

    /// <summary>Gets or sets the topology inputs: published topology, .tbxml, SimpleUrl documents, Export-CsConfiguration zips.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string[]? TopologyPath { get; set; }

    /// <summary>Gets or sets the request to list, retrieve or clear.</summary>
    [Parameter(ParameterSetName = ParameterSets.List, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.Retrieve, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.Clear, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RequestIdCompleter))]
    public int RequestId { get; set; }

    /// <summary>Gets or sets how an ACME CA's challenges are answered: http-01 (the default) or dns-01.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    public AcmeChallengeType AcmeChallenge { get; set; } = AcmeChallengeType.Http01;

    /// <summary>Gets or sets the DNS server (host or address, optional port) that takes the RFC 2136 updates of dns-01.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? DnsServer { get; set; }

    /// <summary>Gets or sets the TSIG key file (BIND syntax, as tsig-keygen writes it) that signs the updates.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? DnsKeyPath { get; set; }

    /// <summary>Gets or sets the script that adds and removes the dns-01 TXT records: -Action Add|Remove -Name -Value.</summary>
    [Parameter(ParameterSetName = ParameterSets.New)]
    [ValidateNotNullOrEmpty]
    public string? DnsScript { get; set; }

    /// <summary>Gets or sets a value indicating whether an existing -Output or -Report file is replaced and -Clear of every request is not confirmed.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _engine = Services.Engine(OpenStore(), new SessionTopologySource(this, Log.Verbose), CurrentFolder);
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ParameterSets.New:
                ProcessNew();
                break;
            case ParameterSets.List:
                ProcessList();
                break;
            case ParameterSets.Retrieve:
                ProcessRetrieve();
                break;
            case ParameterSets.Clear when OrphanedKey:
                ProcessClearOrphanedKeys();
                break;
            case ParameterSets.Clear:
                ProcessClear();
                break;
            default:
                throw new PSInvalidOperationException("Unknown parameter set " + ParameterSetName);
        }
    }

    #endregion

    #region Private methods

    private CertificateRequestEngine Engine => _engine!;

    private bool RequestIdGiven => MyInvocation.BoundParameters.ContainsKey(nameof(RequestId));

    private void ProcessNew()
    {
        if (GlobalCatalog != null || GlobalSettingsDomainController != null)
        {
            WriteVerbose(Strings.VerboseDirectoryParametersUnused);
        }

        NewRequestPlan? plan = Run(() => Engine.PlanNew(NewOptions(), Log, CaPassword));
        if (plan == null)
        {
            return;
        }

        string target = Messages.Format(
            Strings.WhatIfNewTarget,
            plan.Subject,
            plan.Csr.AlternativeNames.Count == 0 ? Strings.NoneValue : string.Join(", ", plan.Csr.AlternativeNames),
            plan.Key,
            plan.Options.Template ?? Strings.NoneValue,
            plan.FriendlyName,
            plan.Client == null ? Messages.Format(Strings.WhatIfRequestFile, plan.Options.OutputPath) : Messages.Format(Strings.WhatIfCertificationAuthority, plan.Client.Name));
        string action = Messages.Format(plan.Client == null ? Strings.WhatIfNewAction : Strings.WhatIfNewOnlineAction, plan.Use);
        if (!ShouldProcess(target, action))
        {
            WroteNothing = true;
            return;
        }

        CertificateReference? reference = Run(() => plan.Client == null ? Engine.CreateOffline(plan, Log) : Engine.CreateOnline(plan, Log, StopToken));
        if (reference != null)
        {
            WriteObject(reference);
        }
    }

    private void ProcessList()
    {
        if (RequestIdGiven)
        {
            StoreListing? listing = RunItem(() => Engine.List(RequestId));
            if (listing != null)
            {
                WriteProblems(listing.Problems);
                foreach (RequestRecord record in listing.Records)
                {
                    WriteRequest(record);
                }
            }

            return;
        }

        // Every request is written as soon as it is read, so the whole store is never held in memory; an
        // unreadable record is reported when it is met.
        var problems = new List<StoreProblem>();
        IEnumerable<RequestRecord>? records = Run(() => Engine.ListAll(problems));
        if (records == null)
        {
            return;
        }

        foreach (RequestRecord record in records)
        {
            WriteProblems(problems);
            problems.Clear();
            WriteRequest(record);
        }

        WriteProblems(problems);
    }

    private void WriteRequest(RequestRecord record)
    {
        CsCertificateRequest request = RecordMapper.ToRequest(record);
        if (ReportRequested)
        {
            // Printed for the report only: -List of 10,000 requests without -Report keeps no text of them.
            Log.Output.Add(OutputFormatter.Format(request));
        }

        WriteObject(request);
    }

    private void ProcessRetrieve()
    {
        StoreListing? listing = RequestIdGiven ? RunItem(() => Engine.List(RequestId)) : Run(() => Engine.List(null));
        if (listing == null)
        {
            return;
        }

        WriteProblems(listing);
        foreach (RequestRecord record in listing.Records)
        {
            if (!RequestIdGiven && record.Status != RequestStatus.Pending && record.Status != RequestStatus.Submitting)
            {
                WriteVerbose(Messages.Format(Strings.VerboseSkippingRequest, record.RequestId, record.Status));
                continue;
            }

            if (ShouldProcess(Describe(record), Strings.WhatIfRetrieveAction))
            {
                CertificateReference? reference = RunItem(() => Engine.Retrieve(record, Log, StopToken));
                if (reference != null)
                {
                    WriteObject(reference);
                }
            }
        }
    }

    private void ProcessClear()
    {
        if (RequestIdGiven)
        {
            if (ShouldProcess(Messages.Format(Strings.WhatIfClearTarget, RequestId), Strings.WhatIfClearAction))
            {
                RunItem(() =>
                {
                    Engine.Remove(RequestId, Log);
                    return (object)RequestId;
                });
            }

            return;
        }

        StoreListing? listing = Run(() => Engine.List(null));
        if (listing == null)
        {
            return;
        }

        WriteProblems(listing);
        IReadOnlyList<OrphanedKey>? orphans = Run(() => Engine.FindOrphanedKeys(Log));
        if (orphans == null)
        {
            return;
        }

        if (listing.Records.Count == 0 && orphans.Count == 0)
        {
            Log.Info(Strings.LogNoRequests);
            return;
        }

        string target = orphans.Count == 0
            ? Messages.Format(Strings.WhatIfClearAllTarget, listing.Records.Count, Engine.Store.Home)
            : Messages.Format(Strings.WhatIfClearAllWithKeysTarget, listing.Records.Count, orphans.Count, Engine.Store.Home);
        if (!ShouldProcess(target, Strings.WhatIfClearAction))
        {
            WroteNothing = true;
            return;
        }

        string query = orphans.Count == 0
            ? Messages.Format(Strings.ClearAllQuery, listing.Records.Count)
            : Messages.Format(Strings.ClearAllWithKeysQuery, listing.Records.Count, orphans.Count);
        if (!Force && !ConfirmExplicitlyOff() && !ShouldContinue(query, Strings.ClearAllCaption))
        {
            return;
        }

        foreach (RequestRecord record in listing.Records)
        {
            RunItem(() =>
            {
                Engine.Remove(record.RequestId, Log);
                return (object)record.RequestId;
            });
        }

        foreach (OrphanedKey key in orphans)
        {
            RunItem(() =>
            {
                Engine.RemoveOrphanedKey(key, Log);
                return key;
            });
        }
    }

    /// <summary>-Clear -OrphanedKey: each key file that no stored request has, confirmed one by one.</summary>
    private void ProcessClearOrphanedKeys()
    {
        if (RequestIdGiven)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(new CsCertificateException(
                ErrorIds.OrphanedKeyWithRequestId, ErrorKind.InvalidArgument, Strings.OrphanedKeyWithRequestId, RequestId)));
        }

        IReadOnlyList<OrphanedKey>? keys = Run(() => Engine.FindOrphanedKeys(Log));
        if (keys == null)
        {
            return;
        }

        if (keys.Count == 0)
        {
            Log.Info(Strings.LogNoOrphanedKeys);
            return;
        }

        bool confirmedAny = false;
        foreach (OrphanedKey key in keys)
        {
            if (ShouldProcess(key.Path, Strings.WhatIfClearOrphanedKeyAction))
            {
                confirmedAny = true;
                RunItem(() =>
                {
                    Engine.RemoveOrphanedKey(key, Log);
                    return key;
                });
            }
        }

        // -WhatIf, or every file declined: nothing was written, the report neither.
        WroteNothing = !confirmedAny;
    }

    private bool ConfirmExplicitlyOff() =>
        MyInvocation.BoundParameters.TryGetValue("Confirm", out object? confirm) && confirm is SwitchParameter s && !s.IsPresent;

    private NewRequestOptions NewOptions() => new NewRequestOptions
    {
        Types = Type,
        ComputerFqdn = ComputerFqdn?.Value,
        DomainName = DomainName,
        AllSipDomain = AllSipDomain.IsPresent,
        CA = CA,
        CaAccount = CaAccount,
        City = City,
        State = State,
        Country = Country,
        Organization = Organization,
        OrganizationalUnit = OU,
        FriendlyName = FriendlyName,
        KeyAlgorithm = KeyAlg,
        KeySize = MyInvocation.BoundParameters.ContainsKey(nameof(KeySize)) ? KeySize : (int?)null,
        ClientEku = ClientEKU,
        PrivateKeyExportable = PrivateKeyExportable,
        Template = Template,
        OutputPath = Output == null ? null : FileSystemPath(Output, OutputFileRole.Output),
        TopologyPaths = (TopologyPath ?? Array.Empty<string>()).Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)).ToArray(),
        Force = Force.IsPresent,
        ReportFiles = ReportFiles,
        AcmeChallenge = AcmeChallenge,
        DnsServer = DnsServer,
        DnsKeyPath = DnsKeyPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DnsKeyPath),
        DnsScript = DnsScript == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DnsScript),
    };

    private void WriteProblems(StoreListing listing) => WriteProblems(listing.Problems);

    #endregion
}
