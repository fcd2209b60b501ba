// The importer side of the dma-buf on the engine, in every version, each case both ways: the
// locked calls' resv assert (KT-13), the _unlocked calls' NULL-context lock (clean alone,
// self_deadlock under the caller's resv), the dma-buf vmap refcount (one exporter vmap for many
// importer maps, the BUG_ON of a vunmap at zero), map_attachment, pin (no DRM PRIME callback) and
// dma_buf_mmap (KT-3: clean alone; under the caller's resv v6.4's core and v6.5+'s exporter both
// re-lock it); the helper's other calls on an import (pin and drm_gem_pin fail with -EINVAL and
// WARN, get_pages_sgt returns the attachment's table, put_pages underflows, purge WARNs), and the
// import's release (drm_prime_gem_destroy: the exporter unpinned and its reference dropped, in
// either order; under the resv a self_deadlock; an importer vmap left over is dma_buf_release's
// leak).
#include "model/dma_buf.h"

#include <array>
#include <functional>
#include <string>
#include <string_view>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/gem_object.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "model/kernel.h"
#include "model/shmem_object.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;

// The helper version `v`'s NAME: &v6_4::NAME, &v6_5::NAME, &v6_10::NAME or &v6_16::NAME (a macro:
// the versions are namespaces).
#define OF_VERSION(v, NAME)               \
  ((v) == Version::v6_4    ? &v6_4::NAME  \
   : (v) == Version::v6_5  ? &v6_5::NAME  \
   : (v) == Version::v6_10 ? &v6_10::NAME \
                           : &v6_16::NAME)

struct World {
  Kernel kernel;
  DmaResv resv;
  ShmemObject bo;
  ShmemObject imp;
  explicit World(Version v)
      : kernel(v, {}),
        resv(kernel, "bo.resv", kernel.reservation_class),
        bo(kernel, "bo", resv, nullptr, PinCallback::object_pin),
        imp(kernel, "imp", resv, &bo, PinCallback::object_pin) {
    bo.exported = true;
    bo.gem.free = imp.gem.free = OF_VERSION(v, drm_gem_shmem_free);
    ++bo.gem.refs;  // the import's (the dma-buf's) reference
    bo.dma_buf.attachments = 1;
  }
};

// The attach's drm_gem_pin of the exporter, in the version's locking.
void attach(World& w) { OF_VERSION(w.kernel.version, drm_gem_pin)(w.bo); }

/// Explores one thread (attach, then `body`) in version `v`; `end` sees the world at the end.
ExplorationResult explore_in(Version v, std::function<void(World&)> body,
                             std::function<void(World&)> end = {}) {
  return sched::explore(
      [v, body, end] {
        World* w = sched::make<World>(v);
        sched::spawn("t0", [w, body] {
          attach(*w);
          body(*w);
          w->kernel.lockdep.check_exit();
        });
        if (end) sched::at_execution_end([w, end] { end(*w); });
      },
      sched::Config{});
}

// Runs `body` with the import's resv held.
std::function<void(World&)> locked(std::function<void(World&)> body) {
  return [body](World& w) {
    dma_resv_lock(w.imp.resv(), nullptr);
    body(w);
    dma_resv_unlock(w.imp.resv());
  };
}

// The helper's vmap of the version (v6.16: drm_gem_shmem_vmap_locked), then its vunmap.
void helper_vmap_vunmap(World& w, ShmemObject& obj) {
  switch (w.kernel.version) {
    case Version::v6_4:
      CHECK_EQUAL(0, v6_4::drm_gem_shmem_vmap(obj));
      return v6_4::drm_gem_shmem_vunmap(obj);
    case Version::v6_5:
      CHECK_EQUAL(0, v6_5::drm_gem_shmem_vmap(obj));
      return v6_5::drm_gem_shmem_vunmap(obj);
    case Version::v6_10:
      CHECK_EQUAL(0, v6_10::drm_gem_shmem_vmap(obj));
      return v6_10::drm_gem_shmem_vunmap(obj);
    case Version::v6_16:
      CHECK_EQUAL(0, v6_16::drm_gem_shmem_vmap_locked(obj));
      return v6_16::drm_gem_shmem_vunmap_locked(obj);
  }
}

// The helper's drm_gem_shmem_mmap of the version.
int helper_mmap(World& w, ShmemObject& obj, Mapping mapping) {
  return OF_VERSION(w.kernel.version, drm_gem_shmem_mmap)(obj, mapping);
}

}  // namespace

TEST_GROUP(DmaBuf){};

// The helper's import branch: vmap/vunmap of an import go through the dma-buf (its count, the
// exporter's vmap) and count nothing on the import. v6.4 nests the exporter's vmap_lock in the
// import's (recursive_locking); from v6.5 no mutex is taken. Without the resv, dma_buf_vmap
// (v6.4/v6.5/v6.10) or vmap_locked itself (v6.16) asserts it.
TEST(DmaBuf, HelperVmapOfAnImportGoesThroughTheDmaBuf) {
  for (Version v : kAllVersions) {
    uint32_t imp_count = 99;
    uint32_t bo_count = 99;
    uint32_t mappings = 99;
    const auto r = explore_in(v, locked([](World& w) {
                                helper_vmap_vunmap(w, w.imp);
                                CHECK_EQUAL(0, dma_buf_vmap(w.imp));
                              }),
                              [&](World& w) {
                                imp_count = w.imp.vmap_use_count.value();
                                bo_count = w.bo.vmap_use_count.value();
                                mappings = w.bo.dma_buf.vmapping_counter;
                              });
    STRCMP_EQUAL(v == Version::v6_4 ? "recursive_locking" : "", kinds(r).c_str());
    LONGS_EQUAL(0, imp_count);
    LONGS_EQUAL(1, bo_count);
    LONGS_EQUAL(1, mappings);
    const std::string unlocked =
        kinds(explore_in(v, [](World& w) { helper_vmap_vunmap(w, w.imp); }));
    CHECK_TRUE(unlocked.find("assert_held") != std::string::npos);
  }
}

// drm_gem_shmem_mmap of an import is dma_buf_mmap in every version; from v6.10 the import branch
// comes before the copy-on-write check, so a private mapping reaches the exporter's mmap, which
// refuses it (v6.4/v6.5 accept it and mark the exporter copy-on-write mapped).
TEST(DmaBuf, HelperMmapOfAnImportIsDmaBufMmap) {
  for (Version v : kAllVersions) {
    uint32_t pages = 99;
    const auto r = explore_in(
        v, [](World& w) { CHECK_EQUAL(0, helper_mmap(w, w.imp, Mapping::shared)); },
        [&pages](World& w) { pages = w.bo.pages_use_count.value(); });
    STRCMP_EQUAL("", kinds(r).c_str());
    LONGS_EQUAL(2, pages);
    const bool cow_refused = v == Version::v6_10 || v == Version::v6_16;
    bool cow = true;
    const auto p = explore_in(
        v,
        [cow_refused](World& w) {
          CHECK_EQUAL(cow_refused ? kEINVAL : 0, helper_mmap(w, w.imp, Mapping::private_));
        },
        [&cow](World& w) { cow = w.bo.cow_mapped; });
    STRCMP_EQUAL("", kinds(p).c_str());
    CHECK_EQUAL(!cow_refused, cow);
  }
}

// KT-13: dma_buf_vmap/vunmap assert the dma-buf's resv in every version.
TEST(DmaBuf, VmapNeedsTheResv) {
  for (Version v : kAllVersions) {
    auto body = [](World& w) {
      CHECK_EQUAL(0, dma_buf_vmap(w.imp));
      dma_buf_vunmap(w.imp);
    };
    STRCMP_EQUAL("", kinds(explore_in(v, locked(body))).c_str());
    STRCMP_EQUAL("assert_held", kinds(explore_in(v, body)).c_str());
  }
}

// A map under the resv reaches the exporter's vmap once and leaves it mapped.
TEST(DmaBuf, VmapUnderTheResvMapsTheExporter) {
  for (Version v : kAllVersions) {
    uint32_t count = 99;
    const auto r = explore_in(v, locked([](World& w) { dma_buf_vmap(w.imp); }),
                              [&count](World& w) { count = w.bo.vmap_use_count.value(); });
    STRCMP_EQUAL("", kinds(r).c_str());
    LONGS_EQUAL(1, count);
  }
}

// KT-13: the _unlocked pair takes the resv itself; under the caller's own resv it self-deadlocks.
TEST(DmaBuf, VmapUnlockedTakesTheResv) {
  for (Version v : kAllVersions) {
    auto body = [](World& w) {
      CHECK_EQUAL(0, dma_buf_vmap_unlocked(w.imp));
      dma_buf_vunmap_unlocked(w.imp);
    };
    uint32_t count = 99;
    const auto r = explore_in(v, body, [&count](World& w) { count = w.bo.vmap_use_count.value(); });
    STRCMP_EQUAL("", kinds(r).c_str());
    LONGS_EQUAL(0, count);
    STRCMP_EQUAL("self_deadlock", kinds(explore_in(v, locked(body))).c_str());
  }
}

// The dma-buf refcount: two maps, one exporter vmap; balanced unmaps return it to zero; one more
// unmap is the BUG_ON (warn; the thread stops).
TEST(DmaBuf, VmapRefcountCallsTheExporterOnce) {
  for (Version v : kAllVersions) {
    std::array<uint32_t, 4> seen{};
    const auto r =
        explore_in(v, locked([&seen](World& w) {
                     dma_buf_vmap(w.imp);
                     dma_buf_vmap(w.imp);
                     seen = {w.bo.vmap_use_count.value(), w.bo.dma_buf.vmapping_counter, 0, 0};
                     dma_buf_vunmap(w.imp);
                     seen[2] = w.bo.vmap_use_count.value();
                     dma_buf_vunmap(w.imp);
                     seen[3] = w.bo.vmap_use_count.value();
                   }));
    STRCMP_EQUAL("", kinds(r).c_str());
    LONGS_EQUAL(1, seen[0]);
    LONGS_EQUAL(2, seen[1]);
    LONGS_EQUAL(1, seen[2]);
    LONGS_EQUAL(0, seen[3]);
    bool after_bug = false;
    const auto bug = explore_in(v, locked([&after_bug](World& w) {
                                  dma_buf_vmap(w.imp);
                                  dma_buf_vunmap(w.imp);
                                  dma_buf_vunmap(w.imp);
                                  after_bug = true;
                                }));
    STRCMP_EQUAL("warn", kinds(bug).c_str());
    CHECK_FALSE(after_bug);
  }
}

// map_attachment and pin assert the resv; under it they are clean.
TEST(DmaBuf, MapAttachmentAndPinNeedTheResv) {
  for (Version v : kAllVersions) {
    auto body = [](World& w) {
      CHECK_EQUAL(0, dma_buf_map_attachment(w.imp));
      dma_buf_unmap_attachment(w.imp);
      CHECK_EQUAL(0, dma_buf_pin(w.imp));
      dma_buf_unpin(w.imp);
    };
    STRCMP_EQUAL("", kinds(explore_in(v, locked(body))).c_str());
    STRCMP_EQUAL("assert_held", kinds(explore_in(v, body)).c_str());
    auto unlocked = [](World& w) {
      CHECK_EQUAL(0, dma_buf_map_attachment_unlocked(w.imp));
      dma_buf_unmap_attachment_unlocked(w.imp);
    };
    STRCMP_EQUAL("", kinds(explore_in(v, unlocked)).c_str());
    STRCMP_EQUAL("self_deadlock", kinds(explore_in(v, locked(unlocked))).c_str());
  }
}

// KT-3: mmap of a self-imported dma-buf is clean (a pages reference for the mapping); with the
// resv already held, v6.4's core and v6.5+'s exporter each re-lock it.
TEST(DmaBuf, MmapSelfImport) {
  for (Version v : kAllVersions) {
    uint32_t pages = 99;
    const auto r = explore_in(
        v, [](World& w) { CHECK_EQUAL(0, dma_buf_mmap(w.imp)); },
        [&pages](World& w) { pages = w.bo.pages_use_count.value(); });
    STRCMP_EQUAL("", kinds(r).c_str());
    LONGS_EQUAL(2, pages);
    STRCMP_EQUAL("self_deadlock",
                 kinds(explore_in(v, locked([](World& w) { dma_buf_mmap(w.imp); }))).c_str());
  }
}

}  // namespace resvcheck::model

namespace resvcheck::model {
namespace {

// The version's self-locking pin (v6.4 .. v6.16: drm_gem_shmem_pin).
int helper_pin(World& w, ShmemObject& obj) {
  return OF_VERSION(w.kernel.version, drm_gem_shmem_pin)(obj);
}

// The version's drm_gem_pin (the GEM core path, funcs->pin of the helper).
int gem_pin(World& w, ShmemObject& obj) { return OF_VERSION(w.kernel.version, drm_gem_pin)(obj); }

// The version's drm_gem_shmem_get_pages_sgt.
int helper_get_pages_sgt(World& w, ShmemObject& obj) {
  return OF_VERSION(w.kernel.version, drm_gem_shmem_get_pages_sgt)(obj);
}

#undef OF_VERSION

// The version's put_pages with the lock it needs: v6.4's takes pages_lock itself; v6.5/v6.10's
// put_pages and v6.16's put_pages_locked run under the resv.
void helper_put_pages(World& w, ShmemObject& obj) {
  if (w.kernel.version == Version::v6_4) return v6_4::drm_gem_shmem_put_pages(obj);
  dma_resv_lock(obj.resv(), nullptr);
  if (w.kernel.version == Version::v6_16)
    v6_16::drm_gem_shmem_put_pages_locked(obj);
  else
    v6_5::drm_gem_shmem_put_pages(obj);
  dma_resv_unlock(obj.resv());
}

// The version's purge with the lock it needs (v6.4: trylock pages_lock; later under the resv).
void helper_purge(World& w, ShmemObject& obj) {
  if (w.kernel.version == Version::v6_4) {
    CHECK_TRUE(v6_4::drm_gem_shmem_purge(obj));
    return;
  }
  dma_resv_lock(obj.resv(), nullptr);
  if (w.kernel.version == Version::v6_16)
    v6_16::drm_gem_shmem_purge_locked(obj);
  else
    v6_5::drm_gem_shmem_purge(obj);
  dma_resv_unlock(obj.resv());
}

std::string counts(const ShmemObject& o) {
  return std::to_string(o.pages_use_count.value()) + "/" +
         std::to_string(o.pages_pin_count.value()) + (o.has_pages ? "p" : "-") +
         (o.gem.freed ? "f" : "-");
}

}  // namespace

TEST_GROUP(DmaBufImport){};

// drm_gem_shmem_pin and drm_gem_pin of an import WARN (the import check) and fail: the import has
// no shmem file, so drm_gem_get_pages WARNs and returns -EINVAL; nothing is counted on it. A
// native object pins cleanly.
TEST(DmaBufImport, PinOfAnImportWarnsAndFailsWithEinval) {
  for (Version v : kAllVersions) {
    int ret = 0;
    std::string state;
    STRCMP_EQUAL("warn", kinds(explore_in(
                                   v, [&ret](World& w) { ret = helper_pin(w, w.imp); },
                                   [&state](World& w) { state = counts(w.imp); }))
                             .c_str());
    LONGS_EQUAL(kEINVAL, ret);
    STRCMP_EQUAL("0/0--", state.c_str());
    STRCMP_EQUAL("warn",
                 kinds(explore_in(v, [&ret](World& w) { ret = gem_pin(w, w.imp); })).c_str());
    LONGS_EQUAL(kEINVAL, ret);
    STRCMP_EQUAL("", kinds(explore_in(v, [&ret](World& w) { ret = helper_pin(w, w.bo); })).c_str());
    LONGS_EQUAL(0, ret);
  }
}

// get_pages_sgt of an import returns the attachment's table under the version's lock, counting
// nothing; inside the caller's resv v6.5+ self-deadlock as for a native object (v6.4 takes only
// the import's pages_lock).
TEST(DmaBufImport, GetPagesSgtOfAnImportIsItsAttachmentsTable) {
  for (Version v : kAllVersions) {
    int ret = -1;
    std::string state;
    STRCMP_EQUAL("", kinds(explore_in(
                               v, [&ret](World& w) { ret = helper_get_pages_sgt(w, w.imp); },
                               [&state](World& w) { state = counts(w.imp); }))
                         .c_str());
    LONGS_EQUAL(0, ret);
    STRCMP_EQUAL("0/0--", state.c_str());
    STRCMP_EQUAL(
        v == Version::v6_4 ? "" : "self_deadlock",
        kinds(explore_in(v, locked([](World& w) { helper_get_pages_sgt(w, w.imp); }))).c_str());
  }
}

// put_pages of an import finds no pages reference (v6.4 .. v6.15: the WARN_ON_ONCE guard;
// v6.16: refcount_t): underflow. Purge of an import WARNs (never purgeable) and changes nothing.
TEST(DmaBufImport, PutPagesUnderflowsAndPurgeWarns) {
  for (Version v : kAllVersions) {
    STRCMP_EQUAL("underflow",
                 kinds(explore_in(v, [](World& w) { helper_put_pages(w, w.imp); })).c_str());
    int madv = 0;
    STRCMP_EQUAL("warn", kinds(explore_in(
                                   v, [](World& w) { helper_purge(w, w.imp); },
                                   [&madv](World& w) { madv = w.imp.madv; }))
                             .c_str());
    LONGS_EQUAL(0, madv);
  }
}

// The import's last put releases the attachment: the exporter's attach pin is dropped (the
// version's drm_gem_unpin) and the dma-buf's reference on it goes, so the exporter is freed with
// the last of its holders, in either order, without a leak.
TEST(DmaBufImport, ReleaseUnpinsAndFreesTheExporterInEitherOrder) {
  for (Version v : kAllVersions) {
    std::string bo;
    std::string imp;
    const auto end = [&bo, &imp](World& w) {
      bo = counts(w.bo);
      imp = counts(w.imp);
    };
    STRCMP_EQUAL("", kinds(explore_in(
                               v,
                               [](World& w) {
                                 drm_gem_object_put(w.bo.gem);
                                 drm_gem_object_put(w.imp.gem);
                               },
                               end))
                         .c_str());
    STRCMP_EQUAL("0/0-f", bo.c_str());
    STRCMP_EQUAL("0/0-f", imp.c_str());
    STRCMP_EQUAL("", kinds(explore_in(
                               v,
                               [](World& w) {
                                 drm_gem_object_put(w.imp.gem);
                                 drm_gem_object_put(w.bo.gem);
                               },
                               end))
                         .c_str());
    STRCMP_EQUAL("0/0-f", bo.c_str());
    // Only the import gone: the exporter lives on, unpinned, its scenario reference left.
    STRCMP_EQUAL("", kinds(explore_in(
                               v, [](World& w) { drm_gem_object_put(w.imp.gem); }, end))
                         .c_str());
    STRCMP_EQUAL("0/0--", bo.c_str());
    STRCMP_EQUAL("0/0-f", imp.c_str());
  }
}

// The release unmaps the attachment with dma_buf_unmap_attachment_unlocked, which takes the
// shared resv: the import's last put under that resv self-deadlocks in every version (v6.4
// included, whose native free takes no resv).
TEST(DmaBufImport, ReleaseUnderTheResvSelfDeadlocks) {
  for (Version v : kAllVersions)
    STRCMP_EQUAL(
        "self_deadlock",
        kinds(explore_in(v, locked([](World& w) { drm_gem_object_put(w.imp.gem); }))).c_str());
}

// A still-mapped importer vmap at the release is dma_buf_release's BUG_ON(vmapping_counter) and,
// when the exporter goes too, its free's vmap WARN: leak. Unmapped first: clean.
TEST(DmaBufImport, ReleaseWithAnImporterVmapLeaks) {
  for (Version v : kAllVersions) {
    const auto release = [](World& w) {
      drm_gem_object_put(w.imp.gem);
      drm_gem_object_put(w.bo.gem);
    };
    STRCMP_EQUAL("leak", kinds(explore_in(v, [release](World& w) {
                           CHECK_EQUAL(0, dma_buf_vmap_unlocked(w.imp));
                           release(w);
                         })).c_str());
    STRCMP_EQUAL("", kinds(explore_in(v, [release](World& w) {
                       CHECK_EQUAL(0, dma_buf_vmap_unlocked(w.imp));
                       dma_buf_vunmap_unlocked(w.imp);
                       release(w);
                     })).c_str());
  }
}

}  // namespace resvcheck::model
