// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// Export-CsCertificate: writes an issued request's certificate with its private key to a PFX file (for Skype
/// for Business's Set-CsCertificate and Import-CsCertificate, and the other servers of an Edge pool) or to PEM
/// files (for a reverse proxy), with the chain the CA returned.
/// </summary>
[Cmdlet(VerbsData.Export, "CsCertificate", DefaultParameterSetName = PfxSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportCsCertificateCommand : CsCertificateCommandBase
{
    private const string PfxSet = "Pfx";
    private const string PemSet = "Pem";

    private readonly List<NamedPath> _written = new List<NamedPath>();
    private CertificateExporter? _exporter;
    private string _path = string.Empty;
    private string? _keyPath;
    private bool _declined;

    #region Parameters

    /// <summary>Gets or sets the Issued request whose certificate is exported.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(IssuedRequestIdCompleter))]
    public int RequestId { get; set; }

    /// <summary>Gets or sets the PFX file (or the PEM certificates file), or an existing folder for files named after each request.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the password of the PFX file, or of the PEM private key (which is then encrypted).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PfxSet)]
    [Parameter(ParameterSetName = PemSet)]
    public SecureString? Password { get; set; }

    /// <summary>Gets or sets how the PFX file is encrypted.</summary>
    [Parameter(ParameterSetName = PfxSet)]
    public CryptoAlgorithmOption CryptoAlgorithmOption { get; set; } = CryptoAlgorithmOption.TripleDES_SHA1;

    /// <summary>Gets or sets the PEM private key file (owner-only), or an existing folder for a file named after the request.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PemSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>Gets or sets whether the chain the CA returned is written after the certificate.</summary>
    [Parameter]
    public ExportChainOption ChainOption { get; set; } = ExportChainOption.BuildChain;

    /// <summary>Gets or sets a value indicating whether existing files (the exported ones and -Report) are replaced.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        // A bad call ends before anything is written, the report included.
        try
        {
            CheckArguments();
        }
        catch (CsCertificateException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ex));
        }

        base.BeginProcessing();
        Run(CheckConflicts);
        _exporter = Services.Exporter(OpenStore());
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var options = new ExportOptions
        {
            RequestId = RequestId,
            Path = _path,
            KeyPath = _keyPath,
            Algorithm = CryptoAlgorithmOption,
            Chain = ChainOption,
            Force = Force.IsPresent,
            OtherFiles = ReportFiles.Concat(_written).ToList(),
        };
        ExportPlan? plan = RunItem(() => _exporter!.Plan(options, Log));
        if (plan == null)
        {
            return;
        }

        string target = plan.KeyFile == null
            ? Messages.Format(Strings.WhatIfExportPfxTarget, plan.Request.RequestId, plan.Request.Subject, plan.Request.Thumbprint, plan.CertificateFile.Path)
            : Messages.Format(Strings.WhatIfExportPemTarget, plan.Request.RequestId, plan.Request.Subject, plan.Request.Thumbprint, plan.CertificateFile.Path, plan.KeyFile.Path);
        if (!ShouldProcess(target, Strings.WhatIfExportAction))
        {
            _declined = true;
            return;
        }

        char[]? password = Password == null ? null : SecurePassword.ToChars(Password);
        try
        {
            IReadOnlyList<string>? files = RunItem(() => _exporter!.Write(plan, password, Log));
            foreach (string file in files ?? Array.Empty<string>())
            {
                _written.Add(NamedPath.Parameter(file == plan.CertificateFile.Path ? OutputFileRole.ExportFile.Parameter : OutputFileRole.ExportKeyFile.Parameter, file));
                Log.Output.Add(file);
                WriteObject(new FileInfo(file));
            }
        }
        finally
        {
            if (password != null)
            {
                Array.Clear(password, 0, password.Length);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        // A declined -Confirm writes no report, unless another request of the command was exported.
        WroteNothing = _declined && _written.Count == 0;
        base.EndProcessing();
    }

    #endregion

    /// <summary>What is wrong for every request of the call: an empty password, a path on no file system.</summary>
    private void CheckArguments()
    {
        if (Password != null && Password.Length == 0)
        {
            throw new CsCertificateException(ErrorIds.ExportPasswordEmpty, ErrorKind.InvalidArgument, Strings.ExportPasswordEmpty, "-Password");
        }

        _path = FileSystemPath(Path, OutputFileRole.ExportFile);
        _keyPath = KeyPath == null ? null : FileSystemPath(KeyPath, OutputFileRole.ExportKeyFile);
    }

    /// <summary>Files given twice (-Path, -KeyPath, -Report) end the command before anything is written, the report included.</summary>
    private string CheckConflicts()
    {
        var files = new List<NamedPath>(ReportFiles);
        foreach ((string? path, OutputFileRole role) in new[] { (_path, OutputFileRole.ExportFile), (_keyPath, OutputFileRole.ExportKeyFile) })
        {
            // A folder names a file per request; those are checked with each request.
            if (path != null && !Directory.Exists(path))
            {
                files.Add(NamedPath.Parameter(role.Parameter, path));
            }
        }

        PathConflicts.Check(files, Array.Empty<NamedPath>());
        return _path;
    }
}
