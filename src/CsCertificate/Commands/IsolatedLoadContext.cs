// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Reflection;

namespace CsCertificate.Commands;

/// <summary>
/// An AssemblyLoadContext of .NET, reached by reflection because netstandard2.0 cannot name the type (as
/// PSResourceGet does). A plain context answers only with what was loaded into it, then falls back to the default
/// context: what must not come from there is loaded into it first.
/// </summary>
internal sealed class IsolatedLoadContext
{
    private static readonly Type? s_contextType =
        Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false)
        ?? typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");

    private readonly object _context;
    private readonly MethodInfo _loadFromAssemblyPath;

    /// <summary>Initializes a new, non-collectible context.</summary>
    /// <param name="name">The context's name, as debuggers and AssemblyLoadContext.All show it.</param>
    public IsolatedLoadContext(string name)
    {
        Type type = s_contextType ?? throw new PlatformNotSupportedException();
        _context = type.GetConstructor(new[] { typeof(string), typeof(bool) })!.Invoke(new object[] { name, false });
        _loadFromAssemblyPath = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
    }

    /// <summary>Gets a value indicating whether the runtime has load contexts (.NET, not .NET Framework).</summary>
    public static bool IsAvailable => s_contextType != null;

    /// <summary>Loads the assembly of a file into this context.</summary>
    /// <param name="path">The full path of the assembly.</param>
    /// <returns>The loaded assembly.</returns>
    public Assembly LoadFromAssemblyPath(string path) => (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path })!;
}
