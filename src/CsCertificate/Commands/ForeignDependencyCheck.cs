// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Commands;

/// <summary>
/// Windows PowerShell has no load contexts: a BouncyCastle that something else loaded first is the one the module's
/// code would bind to (every 2.x release is assembly version 2.0.0.0), and fails inside it later with a
/// MissingMethodException. This finds such a copy at import, so the module can refuse with the remedy instead.
/// </summary>
internal static class ForeignDependencyCheck
{
    /// <summary>The dependency whose copies are checked.</summary>
    public const string BouncyCastle = "BouncyCastle.Cryptography";

    /// <summary>
    /// Throws <see cref="ErrorIds.BouncyCastleConflict"/> when <paramref name="loaded"/> holds a BouncyCastle that
    /// was not loaded from <paramref name="dependencyFolder"/>.
    /// </summary>
    /// <param name="loaded">The assemblies of the session (AppDomain.GetAssemblies()).</param>
    /// <param name="dependencyFolder">The module's Dependencies folder.</param>
    public static void ThrowIfForeignCopy(IEnumerable<Assembly> loaded, string dependencyFolder)
    {
        string? foreign = FindForeignCopy(loaded, dependencyFolder);
        if (foreign != null)
        {
            throw new CsCertificateException(ErrorIds.BouncyCastleConflict, ErrorKind.InvalidOperation,
                Messages.Format(Strings.BouncyCastleConflict, foreign), foreign);
        }
    }

    /// <summary>The path of a BouncyCastle loaded from anywhere but <paramref name="dependencyFolder"/>, or null.</summary>
    public static string? FindForeignCopy(IEnumerable<Assembly> loaded, string dependencyFolder)
    {
        string ours = Path.GetFullPath(Path.Combine(dependencyFolder, BouncyCastle + ".dll"));
        return loaded
            .Where(a => !a.IsDynamic && string.Equals(a.GetName().Name, BouncyCastle, StringComparison.OrdinalIgnoreCase))
            .Select(a => string.IsNullOrEmpty(a.Location) ? a.FullName : Path.GetFullPath(a.Location))
            .FirstOrDefault(path => !string.Equals(path, ours, StringComparison.OrdinalIgnoreCase));
    }
}
