// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// Which certificates Export-CsCertificate writes besides the request's own (Export-PfxCertificate's names).
/// </summary>
public enum ExportChainOption
{
    /// <summary>The certificate, then the chain the CA returned with it (intermediates, issuer after subject).</summary>
    BuildChain,

    /// <summary>The certificate alone.</summary>
    EndEntityCertOnly,
}
