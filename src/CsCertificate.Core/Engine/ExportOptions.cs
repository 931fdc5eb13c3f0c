// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.Common;
using CsCertificate.Model;

namespace CsCertificate.Engine;

/// <summary>
/// What Export-CsCertificate was asked for one request; the password is not here, it goes to the writing step only.
/// </summary>
internal sealed class ExportOptions
{
    public int RequestId { get; set; }

    /// <summary>Gets or sets the full path of -Path: the PFX file (or the PEM certificates), or a folder for them.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the full path of -KeyPath (a file or a folder); null for a PFX.</summary>
    public string? KeyPath { get; set; }

    public CryptoAlgorithmOption Algorithm { get; set; } = CryptoAlgorithmOption.TripleDES_SHA1;

    public ExportChainOption Chain { get; set; } = ExportChainOption.BuildChain;

    /// <summary>Gets or sets a value indicating whether existing files are replaced (-Force).</summary>
    public bool Force { get; set; }

    /// <summary>Gets or sets the files that the new ones may not be: the report, and what the command already wrote.</summary>
    public IReadOnlyList<NamedPath> OtherFiles { get; set; } = Array.Empty<NamedPath>();
}
