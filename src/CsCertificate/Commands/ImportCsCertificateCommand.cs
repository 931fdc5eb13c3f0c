// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Management.Automation;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// Import-CsCertificate (Lync's local parameter set): installs the certificate a CA issued for an offline
/// request, pairing it with the stored private key, or installs a PFX.
/// </summary>
[Cmdlet(VerbsData.Import, "CsCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CertificateReference))]
public sealed class ImportCsCertificateCommand : CsCertificateCommandBase
{
    private CertificateImporter? _importer;
    private bool _declined;
    private bool _installed;

    #region Parameters

    /// <summary>Gets or sets the certificate file: DER or PEM certificate, PKCS#7 chain, CMC full response, or PFX.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the password of a PFX file.</summary>
    [Parameter]
    public string? Password { get; set; }

    /// <summary>Gets or sets a value indicating whether the installed private key may be exported.</summary>
    [Parameter]
    public bool PrivateKeyExportable { get; set; }

    /// <summary>Gets or sets a value indicating whether an existing -Report file is replaced and a certificate that lacks names of its request is installed anyway.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _importer = Services.Importer(OpenStore());
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);

        // The report is written last: it must not replace the certificate file this command reads.
        if (Run(() => Conflicts(path)) == null)
        {
            return;
        }

        ImportPlan? plan = RunItem(() => _importer!.Plan(path, Force, Log));
        if (plan == null)
        {
            return;
        }

        if (plan.IsPkcs12)
        {
            if (Confirmed(path))
            {
                Installed(RunItem(() => _importer!.ImportPkcs12(plan, Password, PrivateKeyExportable, Log)));
            }

            return;
        }

        foreach (ImportItem item in plan.Items)
        {
            switch (item.Action)
            {
                case ImportAction.Refuse:
                    WriteItemError(item.Refusal!);
                    break;
                case ImportAction.AlreadyInstalled:
                    WriteObject(_importer!.AlreadyInstalled(item, Log));
                    break;
                default:
                    RequestRecord request = item.Request!;
                    if (Confirmed(Messages.Format(Strings.WhatIfImportTarget, item.Certificate.Thumbprint, item.Certificate.Subject, item.Path, request.RequestId, request.Subject)))
                    {
                        Installed(RunItem(() => _importer!.Complete(item, ExportableGiven ? PrivateKeyExportable : (bool?)null, Log)));
                    }

                    break;
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        // A declined -Confirm writes no report, unless another certificate of the command was installed.
        WroteNothing = _declined && !_installed;
        base.EndProcessing();
    }

    #endregion

    #region Private methods

    private bool ExportableGiven => MyInvocation.BoundParameters.ContainsKey(nameof(PrivateKeyExportable));

    private bool Confirmed(string target)
    {
        if (ShouldProcess(target, Strings.WhatIfImportAction))
        {
            return true;
        }

        _declined = true;
        return false;
    }

    private void Installed(CertificateReference? reference)
    {
        if (reference != null)
        {
            _installed = true;
            WriteObject(reference);
        }
    }

    #endregion

    private string Conflicts(string path)
    {
        PathConflicts.Check(ReportFiles, new[] { NamedPath.Parameter("-Path", path) });
        return path;
    }
}
