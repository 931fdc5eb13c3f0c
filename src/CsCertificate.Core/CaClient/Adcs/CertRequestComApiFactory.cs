// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// Creates <see cref="CertRequestComApi"/> objects: one per operation, because certcli objects cache what they
/// were first given (ICertAdmin::ResubmitRequest "does not clear the internal cache when the configuration string
/// is changed", https://learn.microsoft.com/windows/win32/api/certadm/nf-certadm-icertadmin-resubmitrequest).
/// </summary>
internal sealed class CertRequestComApiFactory : ICertRequestApiFactory
{
    public ICertRequestApi Create() => new CertRequestComApi();
}
