// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CsCertificate.CaClient;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// Update-CsCertificate: renews the certificates of Issued requests that are due, each with a new key and the
/// names of the topology as it is now. A run that finds nothing due writes nothing at all, so that a daily scheduled
/// task can run it; a renewal that fails is a non-terminating error, so the run's exit status says so.
/// </summary>
[Cmdlet(VerbsData.Update, "CsCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CertificateReference))]
public sealed class UpdateCsCertificateCommand : CsCertificateCommandBase
{
    private readonly List<int> _requestIds = new List<int>();
    private CertificateRenewer? _renewer;
    private bool _renewing;

    #region Parameters

    /// <summary>Gets or sets the requests to renew; every Issued request when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(IssuedRequestIdCompleter))]
    [ValidateNotNullOrEmpty]
    public int[]? RequestId { get; set; }

    /// <summary>Gets or sets a value indicating whether certificates are renewed now, whether due or not (and an existing -Report file replaced).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Gets or sets a value indicating whether a renewal may drop names that the current certificate has.</summary>
    [Parameter]
    public SwitchParameter AllowNameRemoval { get; set; }

    /// <summary>Gets or sets the topology inputs to compute the names from, instead of the files each request was made from.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? TopologyPath { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _renewer = Services.Renewer(OpenStore(), new SessionTopologySource(this, Log.Verbose), CurrentFolder);
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (RequestId != null)
        {
            _requestIds.AddRange(RequestId);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The work is done once every id has arrived: whether a request is renewed depends on the whole store (the
    /// renewal an earlier run began), which is read once rather than for each piped request.
    /// </remarks>
    protected override void EndProcessing()
    {
        // Piped input that held no request asks for none, not for every one.
        IReadOnlyCollection<int>? ids = _requestIds.Count > 0 || MyInvocation.ExpectingInput ? _requestIds : null;
        var problems = new List<StoreProblem>();
        IReadOnlyList<RenewalCandidate>? candidates = Run(() => Renewer.Candidates(ids, problems));
        WriteProblems(problems);
        foreach (RenewalCandidate candidate in candidates ?? Array.Empty<RenewalCandidate>())
        {
            if (candidate.Refusal != null)
            {
                WriteItemError(candidate.Refusal);
            }
            else if (candidate.Renewal != null)
            {
                Resume(candidate.Request!, candidate.Renewal);
            }
            else
            {
                Consider(candidate.Request!);
            }
        }

        // Nothing due and nothing wrong: nothing is written, not even the report.
        WroteNothing = !_renewing && !Log.Entries.Any(e => e.Kind == LogEntryKind.Error);
        base.EndProcessing();
    }

    #endregion

    #region Private methods

    private CertificateRenewer Renewer => _renewer!;

    private IReadOnlyList<string> TopologyPaths =>
        (TopologyPath ?? Array.Empty<string>()).Select(p => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p)).ToArray();

    /// <summary>Renews a request whose certificate is due (or any, with -Force), unless it would lose names.</summary>
    private void Consider(RequestRecord request)
    {
        object? dueAt = RunItem(() => (object)Renewer.Due(request, Log, StopToken));
        if (dueAt == null)
        {
            return;
        }

        var due = (DateTime)dueAt;
        if (due > Services.Environment.UtcNow && !Force)
        {
            Log.Verbose(Messages.Format(Strings.VerboseRenewalNotDue, request.RequestId, due));
            if (WhatIfRequested())
            {
                ShouldProcess(Describe(request), Messages.Format(Strings.WhatIfKeepAction, due));
            }

            return;
        }

        RenewalPlan? renewal = RunItem(() => Renewer.Plan(request, TopologyPaths, ReportFiles, Log));
        if (renewal == null)
        {
            return;
        }

        if (renewal.Removed.Count > 0)
        {
            string message = Messages.Format(AllowNameRemoval ? Strings.WarnRenewalNamesRemoved : Strings.RenewalNamesRemoved, request.RequestId, request.Thumbprint, string.Join(", ", renewal.Removed));
            if (!AllowNameRemoval)
            {
                WriteItemError(new CsCertificateException(ErrorIds.RenewalNamesRemoved, ErrorKind.InvalidOperation, message, request.RequestId));
                return;
            }

            if (!WhatIfRequested())
            {
                Log.Warning(message);
            }
        }

        string through = renewal.Plan.Client == null
            ? Messages.Format(Strings.WhatIfRequestFile, renewal.Plan.Options.OutputPath)
            : Messages.Format(Strings.WhatIfCertificationAuthority, renewal.Plan.Client.Name);
        string action = Messages.Format(due > Services.Environment.UtcNow ? Strings.WhatIfRenewForcedAction : Strings.WhatIfRenewAction, due, through);
        if (!ShouldProcess(Target(renewal), action))
        {
            return;
        }

        _renewing = true;
        Output(RunItem(() => Renewer.Renew(renewal, Log, StopToken)));
    }

    /// <summary>Goes on with the renewal an earlier run began for a request.</summary>
    private void Resume(RequestRecord request, RequestRecord renewal)
    {
        CsCertificateException? failure = CertificateRenewer.Failure(request, renewal);
        if (failure != null)
        {
            WriteItemError(failure);
        }
        else if (CertificateRenewer.WaitsForImport(renewal))
        {
            Log.Verbose(Messages.Format(Strings.VerboseRenewalWaitsForImport, request.RequestId, renewal.RequestId, renewal.OutputPath));
        }
        else if (ShouldProcess(Describe(request), Messages.Format(Strings.WhatIfResumeAction, renewal.RequestId, renewal.Status)))
        {
            _renewing = true;
            Output(RunItem(() => Renewer.Resume(request, renewal, Log, StopToken)));
        }
    }

    private void Output(CertificateReference? reference)
    {
        if (reference != null)
        {
            WriteObject(reference);
        }
    }

    /// <summary>What -WhatIf and -Confirm show of a renewal: the request, its certificate, and the names before and after.</summary>
    private static string Target(RenewalPlan renewal)
    {
        static string List(IReadOnlyList<string> names) => names.Count == 0 ? Strings.NoneValue : string.Join(", ", names);
        RequestRecord request = renewal.Request;
        return Messages.Format(
            Strings.WhatIfRenewTarget,
            Describe(request),
            request.Thumbprint,
            RecordMapper.ParseTime(request.NotAfter),
            List(renewal.CurrentNames),
            List(renewal.NewNames),
            List(renewal.Added),
            List(renewal.Removed));
    }

    #endregion
}
