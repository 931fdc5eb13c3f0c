// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Common;
using CsCertificate.Csr;
using CsCertificate.Keys;
using CsCertificate.Naming;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// Everything -New will do, computed and checked before anything is written: what -WhatIf shows.
/// </summary>
internal sealed class NewRequestPlan
{
    public NewRequestPlan(NewRequestOptions options, NamingPlan naming, KeySpec key, CsrSpec csr, string friendlyName, string topologySource, IReadOnlyList<string> topologyFiles, ICaClient? client, OutputFile? output)
    {
        TopologyFiles = topologyFiles;
        Client = client;
        Output = output;
        Options = options;
        Naming = naming;
        Key = key;
        Csr = csr;
        FriendlyName = friendlyName;
        TopologySource = topologySource;
    }

    public NewRequestOptions Options { get; }

    public NamingPlan Naming { get; }

    public KeySpec Key { get; }

    public CsrSpec Csr { get; }

    public string FriendlyName { get; }

    public string TopologySource { get; }

    /// <summary>Gets the files the topology was read from (none when it came from the session), which a renewal reads again.</summary>
    public IReadOnlyList<string> TopologyFiles { get; }

    /// <summary>Gets or sets the Issued request whose certificate this request renews (Update-CsCertificate); null for -New.</summary>
    public RequestRecord? Renews { get; set; }

    /// <summary>Gets the CA client of an online request; null for an offline one.</summary>
    public ICaClient? Client { get; }

    /// <summary>Gets the checked -Output file of an offline request; null for an online one.</summary>
    public OutputFile? Output { get; }

    /// <summary>Gets or sets how the ACME challenges are answered, as the request stores it.</summary>
    public AcmeChallengeOptions Challenge { get; set; } = AcmeChallengeOptions.Http01;

    /// <summary>Gets the uses as Lync prints them: "Default,WebServicesInternal".</summary>
    public string Use => string.Join(",", Naming.Types);

    /// <summary>Gets the Subject as Windows prints it.</summary>
    public string Subject => SubjectFormatter.Format(Csr.SubjectName, Csr.Attributes);
}
