// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using CsCertificate.CaClient;

namespace CsCertificate.Tests.Engine;

/// <summary>A CA that answers as the test says, and remembers what it was sent.</summary>
internal sealed class FakeCaClient : ICaClient
{
    public FakeCaClient(string name, bool requiresSubjectInAlternativeNames = false)
    {
        Name = name;
        RequiresSubjectInAlternativeNames = requiresSubjectInAlternativeNames;
    }

    public string Name { get; }

    public bool RequiresSubjectInAlternativeNames { get; }

    /// <summary>Gets or sets the answer to a submission (-New, or -Retrieve of a request the CA never got).</summary>
    public Func<CaSubmission, CaResult> OnSubmit { get; set; } = _ => throw new InvalidOperationException("The test expected no submission.");

    /// <summary>Gets or sets the answer to a poll (-Retrieve of a request the CA holds), given the CA's id.</summary>
    public Func<string, CaSubmission, CaResult> OnPoll { get; set; } = (_, _) => throw new InvalidOperationException("The test expected no poll.");

    public List<CaSubmission> Submitted { get; } = new List<CaSubmission>();

    public List<string> Polled { get; } = new List<string>();

    public CaResult Submit(CaSubmission submission, CancellationToken cancel)
    {
        Submitted.Add(submission);
        return OnSubmit(submission);
    }

    public CaResult Poll(string caRequestId, CaSubmission submission, CancellationToken cancel)
    {
        Polled.Add(caRequestId);
        return OnPoll(caRequestId, submission);
    }
}
