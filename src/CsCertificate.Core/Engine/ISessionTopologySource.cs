// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.Topology;

namespace CsCertificate.Engine;

/// <summary>
/// The topology of the Skype for Business Server management shell, when it is loaded in the session
/// (Get-CsTopology -AsXml and Get-CsSimpleUrlConfiguration). The cmdlet implements it; the engine only asks.
/// </summary>
internal interface ISessionTopologySource
{
    /// <summary>Gets the session's topology documents, or null when the management shell is not loaded.</summary>
    IReadOnlyList<TopologyInput>? GetDocuments();
}
