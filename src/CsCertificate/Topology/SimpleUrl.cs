// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Topology;

/// <summary>
/// One SimpleUrl element of a SimpleUrlConfiguration: a component (Meet, Dialin, Cscp), its domain and URLs.
/// </summary>
internal sealed class SimpleUrl
{
    public SimpleUrl(string component, string domain, string? activeUrl, IReadOnlyList<string> entryUrls)
    {
        Component = component;
        Domain = domain;
        ActiveUrl = activeUrl;
        EntryUrls = entryUrls;
    }

    public string Component { get; }

    public string Domain { get; }

    public string? ActiveUrl { get; }

    public IReadOnlyList<string> EntryUrls { get; }
}
