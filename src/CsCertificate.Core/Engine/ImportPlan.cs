// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.Engine;

/// <summary>
/// What Import-CsCertificate found in a file: a PFX, which carries its own key, or one item per certificate
/// issued for a request (the file's CA certificates are their chain). Nothing is installed yet.
/// </summary>
internal sealed class ImportPlan
{
    private ImportPlan(string path, byte[] content, bool isPkcs12, IReadOnlyList<ImportItem> items)
    {
        Path = path;
        Content = content;
        IsPkcs12 = isPkcs12;
        Items = items;
    }

    public string Path { get; }

    public byte[] Content { get; }

    /// <summary>Gets a value indicating whether the file is a PFX, installed as it is.</summary>
    public bool IsPkcs12 { get; }

    /// <summary>Gets what happens to each certificate of the file that is not a CA's; empty for a PFX.</summary>
    public IReadOnlyList<ImportItem> Items { get; }

    public static ImportPlan ForPkcs12(string path, byte[] content) => new ImportPlan(path, content, true, Array.Empty<ImportItem>());

    public static ImportPlan ForCertificates(string path, byte[] content, IReadOnlyList<ImportItem> items) => new ImportPlan(path, content, false, items);
}
