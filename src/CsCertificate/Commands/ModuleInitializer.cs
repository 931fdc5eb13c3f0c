// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using CsCertificate.Common;

namespace CsCertificate.Commands;

/// <summary>
/// Loads CsCertificate.Core.dll (everything but the cmdlets) and BouncyCastle from Dependencies/. On PowerShell 7
/// both go into the module's own AssemblyLoadContext, BouncyCastle first, so the engine binds to the module's copy
/// whatever copy another module put in the default context (every BouncyCastle 2.x is assembly version 2.0.0.0):
/// the pattern of "Resolving PowerShell module assembly dependency conflicts" on Microsoft Learn. Windows
/// PowerShell has no load contexts: the import is refused when another BouncyCastle came first, and the module's
/// copy is loaded at once so that a later one cannot take its place.
/// </summary>
/// <remarks>
/// PowerShell reads the cmdlets' types, whose enum parameters are the engine's, before it runs a module's
/// IModuleAssemblyInitializer: so CsCertificate.Prerequisites.psm1, the manifest's nested module, calls
/// <see cref="Register"/> before PowerShell loads the root module.
/// </remarks>
public sealed class ModuleInitializer : IModuleAssemblyCleanup
{
    private const string CoreName = "CsCertificate.Core";

    private static readonly string s_dependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

    private static readonly object s_sync = new object();
    private static Assembly? s_core;
    private static List<string> s_accelerators = new List<string>();

    /// <summary>Loads the engine and registers the resolver that hands it to CsCertificate.dll.</summary>
    /// <returns>Null, or the error that refuses the import (BouncyCastleConflict).</returns>
    public static ErrorRecord? Register()
    {
        AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        return Load();
    }

    // Separate from Register: compiling a method that names the engine's types needs the resolver already there.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ErrorRecord? Load()
    {
        try
        {
            Assembly core = Core();
            if (IsolatedLoadContext.IsAvailable)
            {
                AddTypeAccelerators(core);
            }
            else
            {
                // Checked at every import, before the module's copy is loaded: the engine's messages (needed to
                // refuse) do not touch BouncyCastle.
                ForeignDependencyCheck.ThrowIfForeignCopy(AppDomain.CurrentDomain.GetAssemblies(), s_dependencyFolder);
                Assembly.LoadFrom(Path.Combine(s_dependencyFolder, ForeignDependencyCheck.BouncyCastle + ".dll"));
            }

            return null;
        }
        catch (CsCertificateException e)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            return ErrorRecordFactory.Create(e);
        }
    }

    /// <summary>Removes the resolver and the type names when the module is removed.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        RemoveTypeAccelerators();
    }

    // Answers only for the engine: CsCertificate.dll lives in the default context and finds it here.
    private static Assembly? Resolve(object? sender, ResolveEventArgs args) =>
        string.Equals(new AssemblyName(args.Name).Name, CoreName, StringComparison.OrdinalIgnoreCase) ? Core() : null;

    private static Assembly Core()
    {
        lock (s_sync)
        {
            if (s_core == null)
            {
                string core = Path.Combine(s_dependencyFolder, CoreName + ".dll");
                if (IsolatedLoadContext.IsAvailable)
                {
                    var context = new IsolatedLoadContext("CsCertificate");
                    context.LoadFromAssemblyPath(Path.Combine(s_dependencyFolder, ForeignDependencyCheck.BouncyCastle + ".dll"));
                    s_core = context.LoadFromAssemblyPath(core);
                }
                else
                {
                    s_core = Assembly.LoadFrom(core);
                }
            }

            return s_core;
        }
    }

    // PowerShell 7 resolves [TypeName] only among the default context's assemblies: the public types of the engine
    // (the objects the cmdlets return, the enums of their parameters) are made known by their full names.
    private static void AddTypeAccelerators(Assembly core)
    {
        Type accelerators = TypeAccelerators();
        var known = (Dictionary<string, Type>)accelerators.GetProperty("Get")!.GetValue(null)!;
        MethodInfo add = accelerators.GetMethod("Add", new[] { typeof(string), typeof(Type) })!;
        lock (s_sync)
        {
            foreach (Type type in core.GetExportedTypes())
            {
                if (type.FullName != null && !known.ContainsKey(type.FullName))
                {
                    add.Invoke(null, new object[] { type.FullName, type });
                    s_accelerators.Add(type.FullName);
                }
            }
        }
    }

    private static void RemoveTypeAccelerators()
    {
        lock (s_sync)
        {
            if (s_accelerators.Count == 0)
            {
                return;
            }

            MethodInfo remove = TypeAccelerators().GetMethod("Remove", new[] { typeof(string) })!;
            s_accelerators.ForEach(name => remove.Invoke(null, new object[] { name }));
            s_accelerators = new List<string>();
        }
    }

    // PowerShell's registry of type names, internal but stable since PowerShell 3 (modules that export types use it).
    private static Type TypeAccelerators() =>
        typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators", throwOnError: true)!;
}
