// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Topology;

/// <summary>
/// The role of a pool (cluster) as far as certificates are concerned (docs/design/naming.md, "Inputs").
/// </summary>
public enum PoolRole
{
    /// <summary>The pool runs no server role that needs a certificate from this cmdlet (SQL, file store, WAC).</summary>
    None,

    /// <summary>A Front End pool or Standard Edition server: a Registrar that is not a Director.</summary>
    FrontEnd,

    /// <summary>A Director or Director pool: a Registrar with IsDirector="true".</summary>
    Director,

    /// <summary>A stand-alone Mediation pool: MediationServer without a Registrar.</summary>
    Mediation,

    /// <summary>An Edge server or Edge pool.</summary>
    Edge,
}
