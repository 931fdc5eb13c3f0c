// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// Creates <see cref="CertRequestComApi"/> objects: one per operation, because certcli caches per object
/// (ms-wcce.md §5, "Caching").
/// </summary>
internal sealed class CertRequestComApiFactory : ICertRequestApiFactory
{
    public ICertRequestApi Create() => new CertRequestComApi();
}
