// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Topology;

/// <summary>
/// One SimpleUrl element of a SimpleUrlConfiguration: a component (Meet, Dialin, Cscp), its domain and URLs.
/// </summary>
internal sealed record SimpleUrl(string Component, string Domain, string? ActiveUrl, IReadOnlyList<string> EntryUrls);
