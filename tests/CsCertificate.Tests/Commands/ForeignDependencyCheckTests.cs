// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using CsCertificate.Commands;
using CsCertificate.Common;
using Org.BouncyCastle.Asn1;
using Xunit;

namespace CsCertificate.Tests.Commands;

/// <summary>
/// The check Windows PowerShell runs at import (it has no load contexts): a BouncyCastle loaded from anywhere but
/// the module's Dependencies folder refuses the import with BouncyCastleConflict, naming the other copy.
/// </summary>
public sealed class ForeignDependencyCheckTests
{
    // The BouncyCastle the tests run with, from the test's own folder: "another module's copy" unless that folder is ours.
    private static readonly Assembly s_bouncyCastle = typeof(Asn1Object).Assembly;
    private static readonly string s_loadedFrom = Path.GetDirectoryName(s_bouncyCastle.Location)!;

    [Fact]
    public void ACopyFromAnotherFolderIsForeignAndNamed()
    {
        string ours = Path.Combine(Path.GetTempPath(), "Modules", "CsCertificate", "Dependencies");

        string? foreign = ForeignDependencyCheck.FindForeignCopy(new[] { typeof(object).Assembly, s_bouncyCastle }, ours);

        Assert.Equal(Path.GetFullPath(s_bouncyCastle.Location), foreign);
    }

    [Fact]
    public void TheModulesOwnCopyIsNotForeign()
    {
        Assert.Null(ForeignDependencyCheck.FindForeignCopy(new[] { s_bouncyCastle }, s_loadedFrom));
        Assert.Null(ForeignDependencyCheck.FindForeignCopy(new[] { s_bouncyCastle }, s_loadedFrom + Path.DirectorySeparatorChar + "." + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void ASessionWithoutBouncyCastleHasNoConflict()
    {
        Assert.Null(ForeignDependencyCheck.FindForeignCopy(new[] { typeof(object).Assembly, typeof(PSObject).Assembly, typeof(ForeignDependencyCheck).Assembly }, "/nowhere"));
    }

    [Fact]
    public void TheConflictHasItsErrorIdCategoryTargetAndRemedy()
    {
        var e = Assert.Throws<CsCertificateException>(() => ForeignDependencyCheck.ThrowIfForeignCopy(new[] { s_bouncyCastle }, "/nowhere"));
        ErrorRecord record = ErrorRecordFactory.Create(e);

        Assert.Equal(ErrorIds.BouncyCastleConflict, record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, record.CategoryInfo.Category);
        Assert.Equal(Path.GetFullPath(s_bouncyCastle.Location), record.TargetObject);
        Assert.Contains(Path.GetFullPath(s_bouncyCastle.Location), e.Message, StringComparison.Ordinal);
        Assert.Contains("fresh Windows PowerShell session", e.Message, StringComparison.Ordinal);
        Assert.Contains("import it before", e.Message, StringComparison.Ordinal);
    }
}
