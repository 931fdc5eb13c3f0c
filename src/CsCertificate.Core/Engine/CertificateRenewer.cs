// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// Update-CsCertificate: finds the Issued requests whose certificates are due, and makes each one again with a new
/// key and the names of the topology as it is now. A renewal is a new request that names the request it renews,
/// stored before its CA is called; a later run finds it and completes it instead of beginning another.
/// </summary>
internal sealed class CertificateRenewer
{
    private readonly CertificateRequestEngine _engine;
    private readonly ICaClientFactory _clients;
    private readonly IEngineEnvironment _environment;

    public CertificateRenewer(CertificateRequestEngine engine, ICaClientFactory clients, IEngineEnvironment environment)
    {
        _engine = engine;
        _clients = clients;
        _environment = environment;
    }

    /// <summary>
    /// The requests to look at, in id order: every Issued request that no Issued request renews yet, or the requests
    /// with the given ids (each of which must be such a request, or is refused), each with the renewal an earlier run
    /// began for it.
    /// </summary>
    /// <param name="requestIds">The ids asked for, or null for every Issued request.</param>
    /// <param name="problems">Unreadable records, reported by the caller.</param>
    /// <exception cref="CsCertificateException">The store cannot be read.</exception>
    public IReadOnlyList<RenewalCandidate> Candidates(IReadOnlyCollection<int>? requestIds, List<StoreProblem> problems)
    {
        List<RequestRecord> records = _engine.Store.ReadAll(problems).ToList();

        // The request that names a request as the one it renews is its renewal; the latest, should there be more.
        Dictionary<int, RequestRecord> renewals = records.Where(r => r.Renews != 0)
            .GroupBy(r => r.Renews)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.RequestId).Last());

        var candidates = new List<RenewalCandidate>();
        if (requestIds == null)
        {
            foreach (RequestRecord record in records.Where(IsIssued))
            {
                RequestRecord? renewal = renewals.TryGetValue(record.RequestId, out RequestRecord? r) ? r : null;
                if (renewal == null || !IsIssued(renewal))
                {
                    candidates.Add(RenewalCandidate.For(record, renewal));
                }
            }

            return candidates;
        }

        var byId = records.ToDictionary(r => r.RequestId);
        foreach (int id in requestIds.Distinct().OrderBy(i => i))
        {
            if (!byId.TryGetValue(id, out RequestRecord? record))
            {
                candidates.Add(RenewalCandidate.Refuse(CertificateRequestEngine.NotFound(id)));
                continue;
            }

            RequestRecord? renewal = renewals.TryGetValue(id, out RequestRecord? r) ? r : null;
            if (!IsIssued(record))
            {
                candidates.Add(RenewalCandidate.Refuse(new CsCertificateException(
                    ErrorIds.RequestNotRenewable, ErrorKind.InvalidOperation, Messages.Format(Strings.RequestNotRenewable, id, record.Status), id)));
            }
            else if (renewal != null && IsIssued(renewal))
            {
                candidates.Add(RenewalCandidate.Refuse(new CsCertificateException(
                    ErrorIds.RequestNotRenewable, ErrorKind.InvalidOperation, Messages.Format(Strings.RequestAlreadyRenewed, id, renewal.RequestId), id)));
            }
            else
            {
                candidates.Add(RenewalCandidate.For(record, renewal));
            }
        }

        return candidates;
    }

    /// <summary>
    /// When a request's certificate is due for renewal: inside the window its CA suggests (RFC 9773, ACME servers
    /// that offer it), else by its lifetime (<see cref="RenewalSchedule"/>). The verbose story says which.
    /// </summary>
    /// <exception cref="OperationCanceledException">The command was stopped while the CA was asked.</exception>
    public DateTime Due(RequestRecord request, OperationLog log, CancellationToken cancel)
    {
        DateTime notBefore = RecordMapper.ParseTime(request.NotBefore);
        DateTime notAfter = RecordMapper.ParseTime(request.NotAfter);
        RenewalWindow? window = null;
        if (request.CertificateId != null)
        {
            try
            {
                window = _clients.RenewalInfoSource(request.CA, log.Verbose)?.GetRenewalWindow(request.CertificateId, cancel);
            }
            catch (CsCertificateException ex)
            {
                log.Verbose(ex.Message);
            }
        }

        if (window != null)
        {
            DateTime chosen = RenewalSchedule.InWindow(window, request.CertificateId!);
            log.Verbose(Messages.Format(Strings.VerboseRenewalWindow, request.RequestId, request.CA, window.Start, window.End, chosen, window.ExplanationUrl ?? Strings.NoneValue));
            return chosen;
        }

        DateTime due = RenewalSchedule.ByLifetime(notBefore, notAfter);
        log.Verbose(Messages.Format(RenewalSchedule.IsShort(notBefore, notAfter) ? Strings.VerboseRenewalDueHalf : Strings.VerboseRenewalDueTwoThirds, request.RequestId, notBefore, notAfter, due));
        return due;
    }

    /// <summary>
    /// Plans the renewal of an Issued request: its -New again (<see cref="RenewalOptions.FromRecord"/>), with the
    /// topology read now, and its names against the current certificate's. Writes nothing.
    /// </summary>
    /// <param name="request">The Issued request.</param>
    /// <param name="topologyPaths">-TopologyPath, which replaces the files the request was made from; empty to read those.</param>
    /// <param name="reportFiles">The -Report files, which the request file may not be.</param>
    /// <param name="log">The command's log.</param>
    /// <exception cref="CsCertificateException">The request needs a password that is not stored, or -New would refuse it now (its topology, its names).</exception>
    public RenewalPlan Plan(RequestRecord request, IReadOnlyList<string> topologyPaths, IReadOnlyList<NamedPath> reportFiles, OperationLog log)
    {
        string? requestFile = request.OutputPath == null ? null : CertificateRequestEngine.RenewalRequestFile(request, _engine.Store.PeekNextId());
        NewRequestOptions options;
        try
        {
            options = RenewalOptions.FromRecord(request, requestFile);
        }
        catch (ArgumentException ex)
        {
            throw new CsCertificateException(ErrorIds.StoreRecordCorrupt, ErrorKind.InvalidData, Messages.Format(Strings.RenewalRecordUnusable, request.RequestId, ex.Message), request.RequestId, ex);
        }

        if (topologyPaths.Count > 0)
        {
            options.TopologyPaths = topologyPaths;
        }

        options.ReportFiles = reportFiles;
        if (_clients.NeedsPassword(options.CA, options.CaAccount))
        {
            throw new CsCertificateException(
                ErrorIds.RenewalNeedsCredentials,
                ErrorKind.InvalidOperation,
                Messages.Format(Strings.RenewalNeedsCredentials, request.RequestId, options.CA, options.CaAccount),
                request.RequestId);
        }

        // What is left is an ACME account that is registered: its binding is not sent again, so no password is
        // needed, and the new request keeps the key id.
        string? account = options.CaAccount;
        options.CaAccount = null;
        NewRequestPlan plan = _engine.PlanNew(options, log, caPassword: null);
        plan.Options.CaAccount = account;
        plan.Renews = request;
        return new RenewalPlan(request, plan);
    }

    /// <summary>
    /// Makes the renewal: with its CA as -New -CA does (Issued, or Pending for -Retrieve), or as an offline request
    /// file next to the renewed request's. The renewed request is marked, and its certificate left where it is.
    /// </summary>
    /// <exception cref="CsCertificateException">The CA refused or failed the request, or a file or the store could not be written.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped; the renewal is kept, for the next run.</exception>
    public CertificateReference Renew(RenewalPlan renewal, OperationLog log, CancellationToken cancel)
    {
        if (renewal.Added.Count > 0)
        {
            log.Warning(Messages.Format(Strings.WarnRenewalNamesAdded, renewal.Request.RequestId, string.Join(", ", renewal.Added)));
        }

        return renewal.Plan.Client == null ? _engine.CreateOfflineRenewal(renewal.Plan, log) : _engine.CreateOnline(renewal.Plan, log, cancel);
    }

    /// <summary>Whether a renewal an earlier run began is an offline request whose file is written: only Import-CsCertificate goes on with it.</summary>
    public static bool WaitsForImport(RequestRecord renewal) =>
        renewal.Status == RequestStatus.Offline && renewal.OutputPath != null && File.Exists(renewal.OutputPath);

    /// <summary>
    /// Why a renewal an earlier run began cannot go on (its CA denied or failed it, or revoked its certificate), or
    /// null when it can. The renewal is not made again by itself: that would ask the CA again every day.
    /// </summary>
    public static CsCertificateException? Failure(RequestRecord request, RequestRecord renewal) =>
        renewal.Status == RequestStatus.Offline || renewal.Status == RequestStatus.Submitting || renewal.Status == RequestStatus.Pending
            ? null
            : new CsCertificateException(
                ErrorIds.RenewalFailed,
                ErrorKind.InvalidOperation,
                Messages.Format(Strings.RenewalFailed, request.RequestId, renewal.RequestId, renewal.Status, (renewal.StatusMessage ?? Strings.NoReasonGiven).TrimEnd()),
                renewal.RequestId);

    /// <summary>
    /// Goes on with a renewal an earlier run began, which may have been killed at any moment: one its CA holds or was
    /// being sent is completed as -Retrieve does (the order the CA holds, not a new one); an offline one gets its
    /// request file. The renewed request is marked, should the run have ended before.
    /// </summary>
    /// <exception cref="CsCertificateException">The CA refuses or fails the renewal now, or the file cannot be written.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public CertificateReference Resume(RequestRecord request, RequestRecord renewal, OperationLog log, CancellationToken cancel)
    {
        log.Info(Messages.Format(Strings.LogRenewalResumed, request.RequestId, renewal.RequestId, renewal.Status));
        _engine.MarkRenewed(request, renewal, log);
        if (renewal.Status != RequestStatus.Offline)
        {
            return _engine.Retrieve(renewal, log, cancel);
        }

        _engine.WriteRenewalRequestFile(renewal, null, log);
        return CertificateRequestEngine.Output(RecordMapper.ToReference(renewal), log);
    }

    private static bool IsIssued(RequestRecord record) => record.Status == RequestStatus.Issued;
}
