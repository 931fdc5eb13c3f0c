// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using CsCertificate.CaClient;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// An ACME-like CA for engine tests: every Submit is a new order (counted), which it tells the engine of at once,
/// as the ACME client does; it issues the request with the lifetime the test sets, or keeps it pending, or the
/// command is "killed" while it waits (an exception that nothing catches, leaving the store as a kill would).
/// </summary>
internal sealed class ScriptedCa : ICaClient, IRenewalInfoSource
{
    private readonly TestIssuer _issuer;
    private readonly Func<DateTime> _now;

    public ScriptedCa(string name, TestIssuer issuer, Func<DateTime> now)
    {
        Name = name;
        _issuer = issuer;
        _now = now;
    }

    public string Name { get; }

    public bool RequiresSubjectInAlternativeNames => true;

    /// <summary>Gets or sets the lifetime of what it issues.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets what the next answer is: Issued, Pending, or a kill while waiting.</summary>
    public string Next { get; set; } = "Issued";

    /// <summary>Gets or sets the window it suggests for every certificate (RFC 9773); null when it offers none.</summary>
    public RenewalWindow? Window { get; set; }

    /// <summary>Gets the orders made, by their URLs.</summary>
    public List<string> Orders { get; } = new List<string>();

    /// <summary>Gets the "replaces" of each order.</summary>
    public List<string?> Replaces { get; } = new List<string?>();

    /// <summary>Gets the orders asked about again.</summary>
    public List<string> Polls { get; } = new List<string>();

    public CaResult Submit(CaSubmission submission, CancellationToken cancel)
    {
        string order = "https://ca.litwareinc.com/order/" + (Orders.Count + 1);
        Orders.Add(order);
        Replaces.Add(submission.Replaces);
        submission.Accepted?.Invoke(order);
        return Answer(order, submission);
    }

    public CaResult Poll(string caRequestId, CaSubmission submission, CancellationToken cancel)
    {
        Polls.Add(caRequestId);
        return Answer(caRequestId, submission);
    }

    public RenewalWindow? GetRenewalWindow(string certificateId, CancellationToken cancel) => Window;

    private CaResult Answer(string order, CaSubmission submission)
    {
        switch (Next)
        {
            case "Killed":
                Next = "Issued";
                throw new KilledException();
            case "Pending":
                return CaResult.Pending(order);
            default:
                string pem = PemEncoding.WriteString("CERTIFICATE REQUEST", submission.CsrDer);
                return CaResult.Issued(order, new[] { _issuer.Issue(pem, _now(), Lifetime), _issuer.Certificate.RawData });
        }
    }

    /// <summary>The command "killed" mid-way: nothing in the module catches it.</summary>
    public sealed class KilledException : Exception
    {
    }
}
