// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Management.Automation;
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

    #endregion

    #region Overrides

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var store = new RequestStore(StoreLocation.Resolve(Environment.GetEnvironmentVariable));
        var completion = new RequestCompletion(store, Installer, Environment);
        _importer = new CertificateImporter(store, completion, Installer);
        WriteVerbose(Messages.Format(Strings.VerboseDataFolder, store.Home));
        CheckStore(store);
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        ImportPlan? plan = RunItem(() => _importer!.Plan(path, Log));
        if (plan == null)
        {
            return;
        }

        string target = plan.Request == null ? path : Messages.Format(Strings.WhatIfImportTarget, path, plan.Request.RequestId, plan.Request.Subject);
        if (!ShouldProcess(target, Strings.WhatIfImportAction))
        {
            WroteNothing = true;
            return;
        }

        bool? exportable = MyInvocation.BoundParameters.ContainsKey(nameof(PrivateKeyExportable)) ? PrivateKeyExportable : (bool?)null;
        CertificateReference? reference = RunItem(() => _importer!.Import(plan, Password, exportable, Log));
        if (reference != null)
        {
            WriteObject(reference);
        }
    }

    #endregion
}
