//===- DocumentWriter.h - nodes' facts and catalogs stored in the background
//-===//
///
/// \file
/// The master stores each node's latest facts and catalog (a catalog is
/// about a megabyte of JSON) on every catalog request. A DocumentWriter
/// does that on a thread of its own, so the request does not wait for the
/// check and the SQLite write. What is queued for one node and one kind is
/// replaced by a newer document before it is written: only the newest
/// counts. The destructor writes everything still queued.
///
//===----------------------------------------------------------------------===//
#ifndef CPPET_STORE_DOCUMENTWRITER_H
#define CPPET_STORE_DOCUMENTWRITER_H

#include "cppet/Store/Store.h"

#include <functional>
#include <memory>
#include <string>

namespace cppet::store {

class DocumentWriter {
public:
  /// Called on the writer's thread when a document cannot be stored;
  /// \p Kind is "facts" or "catalog".
  using ErrorHandler = std::function<void(
      const std::string &Kind, const std::string &Certname, llvm::Error)>;

  DocumentWriter(Store &Target, ErrorHandler OnError);
  ~DocumentWriter();
  DocumentWriter(const DocumentWriter &) = delete;
  DocumentWriter &operator=(const DocumentWriter &) = delete;

  /// Queue the node's facts / catalog (as Store::putFacts/putCatalog).
  void putFacts(std::string Certname, std::string Environment,
                std::string Json);
  void putCatalog(std::string Certname, std::string Environment,
                  std::string Json);

  /// Returns once everything queued before the call has been written (or
  /// has failed).
  void flush();

private:
  struct Impl;
  std::unique_ptr<Impl> I;
};

} // namespace cppet::store

#endif
