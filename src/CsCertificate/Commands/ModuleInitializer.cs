// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace CsCertificate.Commands;

/// <summary>
/// Loads the module's own dependencies (BouncyCastle) from Dependencies/ without putting them where another
/// module's copy could clash: a private AssemblyLoadContext on PowerShell 7, Assembly.LoadFrom on Windows
/// PowerShell. The resolver answers only for the assemblies it ships, at the version it ships.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string s_dependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

    private static readonly Dictionary<string, Assembly> s_loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
    private static readonly object s_sync = new object();
    private static object? s_loadContext;
    private static MethodInfo? s_loadFromAssemblyPath;

    /// <summary>Registers the resolver when the module is imported.</summary>
    public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    /// <summary>Removes the resolver when the module is removed.</summary>
    /// <param name="psModuleInfo">The module being removed.</param>
    public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        string path = Path.Combine(s_dependencyFolder, name.Name + ".dll");
        if (name.Name == null || !File.Exists(path))
        {
            return null;
        }

        // Serve only what we ship: another module asking for a different version is not ours to answer.
        AssemblyName shipped = AssemblyName.GetAssemblyName(path);
        if (name.Version != null && shipped.Version != null && name.Version > shipped.Version)
        {
            return null;
        }

        lock (s_sync)
        {
            if (!s_loaded.TryGetValue(path, out Assembly? assembly))
            {
                assembly = Load(path);
                s_loaded[path] = assembly;
            }

            return assembly;
        }
    }

    private static Assembly Load(string path)
    {
        Type? contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false)
            ?? typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
        if (contextType == null)
        {
            // Windows PowerShell (.NET Framework): no load contexts; LoadFrom keeps it in the module's own load context.
            return Assembly.LoadFrom(path);
        }

        // netstandard2.0 cannot name AssemblyLoadContext, so the private context is made by reflection.
        if (s_loadContext == null)
        {
            ConstructorInfo constructor = contextType.GetConstructor(new[] { typeof(string), typeof(bool) })!;
            s_loadContext = constructor.Invoke(new object[] { "CsCertificate", false });
            s_loadFromAssemblyPath = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
        }

        return (Assembly)s_loadFromAssemblyPath!.Invoke(s_loadContext, new object[] { path })!;
    }
}
