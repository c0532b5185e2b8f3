//===- DocumentWriter.cpp - nodes' facts and catalogs stored in the background
//-===//
#include "cppet/Store/DocumentWriter.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

using namespace cppet::store;

namespace {

enum class Kind { Facts, Catalog };

struct Document {
  std::string Environment;
  std::string Json;
};

} // namespace

struct DocumentWriter::Impl {
  Store &Target;
  ErrorHandler OnError;
  std::mutex Mutex;
  std::condition_variable Wake;
  std::condition_variable Idle;
  /// Queued documents, one per (kind, certname): a newer one replaces it.
  std::map<std::pair<Kind, std::string>, Document> Queue;
  /// Documents taken off the queue and not yet written.
  bool Writing = false;
  bool Stopping = false;
  std::thread Worker;

  Impl(Store &Target, ErrorHandler OnError)
      : Target(Target), OnError(std::move(OnError)) {
    Worker = std::thread([this] { run(); });
  }

  void put(Kind K, std::string Certname, std::string Environment,
           std::string Json) {
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      Queue[{K, std::move(Certname)}] = {std::move(Environment),
                                         std::move(Json)};
    }
    Wake.notify_one();
  }

  void run() {
    std::unique_lock<std::mutex> Lock(Mutex);
    for (;;) {
      Wake.wait(Lock, [this] { return Stopping || !Queue.empty(); });
      if (Queue.empty()) // stopping, and everything is written
        return;
      auto Batch = std::move(Queue);
      Queue.clear();
      Writing = true;
      Lock.unlock();
      for (auto &[Key, Doc] : Batch) {
        const std::string &Certname = Key.second;
        llvm::Error E =
            Key.first == Kind::Facts
                ? Target.putFacts(Certname, Doc.Environment, Doc.Json)
                : Target.putCatalog(Certname, Doc.Environment, Doc.Json);
        if (E && OnError)
          OnError(Key.first == Kind::Facts ? "facts" : "catalog", Certname,
                  std::move(E));
        else
          llvm::consumeError(std::move(E));
      }
      Batch.clear();
      Lock.lock();
      Writing = false;
      Idle.notify_all();
    }
  }
};

DocumentWriter::DocumentWriter(Store &Target, ErrorHandler OnError)
    : I(std::make_unique<Impl>(Target, std::move(OnError))) {}

DocumentWriter::~DocumentWriter() {
  {
    std::lock_guard<std::mutex> Lock(I->Mutex);
    I->Stopping = true;
  }
  I->Wake.notify_one();
  I->Worker.join();
}

void DocumentWriter::putFacts(std::string Certname, std::string Environment,
                              std::string Json) {
  I->put(Kind::Facts, std::move(Certname), std::move(Environment),
         std::move(Json));
}

void DocumentWriter::putCatalog(std::string Certname, std::string Environment,
                                std::string Json) {
  I->put(Kind::Catalog, std::move(Certname), std::move(Environment),
         std::move(Json));
}

void DocumentWriter::flush() {
  std::unique_lock<std::mutex> Lock(I->Mutex);
  I->Idle.wait(Lock, [this] { return I->Queue.empty() && !I->Writing; });
}
