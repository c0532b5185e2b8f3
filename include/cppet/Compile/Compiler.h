//===- Compiler.h - Compile a node's catalog
//-------------------------------===//
#ifndef CPPET_COMPILE_COMPILER_H
#define CPPET_COMPILE_COMPILER_H

#include "cppet/Catalog/Catalog.h"
#include "cppet/Compile/Hiera.h"
#include "cppet/Compile/Value.h"
#include "cppet/Sema/Environment.h"
#include "cppet/Support/Diagnostics.h"

#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace cppet {

struct CompileOptions {
  /// The certname: the key for node matching and $trusted.
  std::string NodeName;
  /// The node's facts (a JSON object).
  catalog::Json Facts = catalog::Json::object();
  /// Global Hiera 5 config (hiera.yaml); empty for none.
  std::string HieraConfig;
  /// The environment's directory (its hiera.yaml is the environment
  /// layer); empty for none.
  std::string EnvironmentDir;
  /// A Hiera shared across compiles of one environment (caches parsed
  /// data); when null, compileCatalog makes one for this compile.
  class Hiera *HieraData = nullptr;
  /// Whether the client's certificate was verified ($trusted authenticated:
  /// 'remote'), or a local compile ('local').
  std::string Authenticated = "local";
  /// Top-scope variables from an external node classifier; they win over
  /// facts of the same name.
  catalog::Json NodeParameters = catalog::Json::object();
  /// Classes from an external node classifier, declared in the node scope
  /// after the node definition: class name -> parameters (an object, or
  /// null for none).
  std::vector<std::pair<std::string, catalog::Json>> NodeClasses;
  /// A one-shot compile: the environment's parsed code is freed once
  /// evaluation is over, before the catalog is built (a lower peak; the
  /// environment cannot be reused).
  bool ReleaseParsedCode = false;
  /// Parameter values as Puppet's rich data catalog encodes them (for
  /// agents that accept application/vnd.puppet.rich+json): Deferred calls,
  /// hashes with non-string keys, Timestamps, types, regexps, default and
  /// nested Sensitive values as `{"__ptype": ...}` objects. Without it they
  /// are strings, as in Puppet's plain JSON catalog.
  bool RichData = false;
};

/// Compiles the catalog of one node. The Environment is read (and its
/// autoload cache filled) but never invalidated, so it can be reused for
/// many nodes. Every error goes to Diags (with file:line:column); on
/// failure the returned error says compilation failed.
llvm::Expected<catalog::Catalog> compileCatalog(Environment &Env,
                                                const CompileOptions &Opts,
                                                DiagnosticEngine &Diags);

/// Puppet's DeferredResolver with preprocess_deferred (Puppet 7's
/// default), as an agent runs it before applying: every Deferred value in
/// C's resource parameters (rich-data objects {"__ptype": "Deferred",
/// "name": ..., "arguments": [...]}, as catalog::decodeRichData leaves them)
/// becomes the result of calling its function in a top scope made from Opts
/// (facts, node name), innermost arguments first; a name `$var` digs into
/// that top-scope variable. A parameter whose result is Sensitive is
/// unwrapped and listed in sensitive_parameters. The functions are the
/// built-in ones and those of Env's modules. Fails with the first error,
/// naming the resource and parameter; C is then partly resolved.
llvm::Error resolveDeferred(catalog::Catalog &C, Environment &Env,
                            const CompileOptions &Opts,
                            DiagnosticEngine &Diags);
/// Whether J holds a Deferred object anywhere.
bool hasDeferred(const catalog::Json &J);

/// A compile as the command-line tools describe it: main manifest,
/// colon-separated modulepath, global hiera.yaml, environment name.
struct LocalCompileSettings {
  std::string Manifest;
  std::string ModulePath;
  std::string HieraConfig;
  std::string Environment = "production";
  bool Strict = false;
};

/// A JSON value (facts, JSON data) as a Puppet value; integers beyond
/// Integer's range become Floats.
Value jsonToValue(const catalog::Json &J);

/// A modulepath entry as the compile uses it: an entry that is a small
/// one-line file naming a directory (a symbolic link stored as a plain file
/// by git without symlink support, as in the shared conformance corpus)
/// stands for that directory, a relative target being relative to the
/// file's directory; anything else is the entry itself.
std::string resolveModuleDir(llvm::StringRef Entry);

/// Fills the environment and compile options from Settings: modulepath
/// entries that are files holding a directory path stand for that
/// directory, and a manifest laid out as ENV/manifests/site.pp makes
/// ENV/hiera.yaml the environment layer of Hiera.
void configureLocalCompile(const LocalCompileSettings &Settings,
                           EnvironmentConfig &Config, CompileOptions &Opts);

/// `puppet lookup` without a compile: looks Keys up in turn for the node
/// Node with Facts, in the Hiera layers of Settings (the global hiera.yaml,
/// the environment's, the modules' of the modulepath), with Merge, and
/// returns the first value found. The scope of interpolations is the
/// facts ($facts, and each fact as a top-scope variable), $trusted (the
/// node's certname) and $environment. With Explain, appends the
/// explanation. Sets Error (and returns nullopt) when a lookup fails.
std::optional<Value> lookupLocal(const LocalCompileSettings &Settings,
                                 const std::string &Node,
                                 const catalog::Json &Facts,
                                 const std::vector<std::string> &Keys,
                                 const MergeStrategy &Merge,
                                 std::string *Explain, std::string &Error);

/// A looked-up value as `puppet lookup --render-as` prints it: "yaml" (the
/// default: a YAML document), "json", or "s" (Puppet's string form).
std::string renderLookupValue(const Value &V, llvm::StringRef Format);

} // namespace cppet

#endif
