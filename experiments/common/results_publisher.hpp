#pragma once
// Puts one invocation's merged tables into the results folder as one change (docs/conventions.md
// §14): after a kill at any point, the folder holds either all the old tables or all the new.
//   1. every new file is written to <out>/.publish-staging/          (fault point "publish:staged")
//   2. the list of files is written to <out>/.publish-journal (atomic rename: the commit point)
//                                                                     (fault point "publish:journal")
//   3. each file is renamed from staging into <out>/, old files that are not in the new set are
//      removed                                                        (fault point "publish:moving",
//                                                                      after the first rename)
//   4. the journal and the staging folder are removed.
// recover_publication() runs first in every program and reader: without a journal it deletes a
// leftover staging folder (the old tables stand); with one it finishes step 3 (the new tables
// stand). It also removes temporary files of killed writers (*.tmp-<pid> of dead processes).
#include <filesystem>
#include <string>
#include <vector>

namespace qmlr::experiments {

struct PublishedFile {
    std::string name;  // a plain file name in the results folder
    std::string bytes;
};

// `managed` lists every file name this program owns in the folder (its declared tables, outputs
// and meta file); those not among `files` are removed in the same change.
void publish_results(const std::filesystem::path& out, const std::vector<PublishedFile>& files,
                     const std::vector<std::string>& managed);

// Completes or rolls back an interrupted publication (see above); true when it found one.
bool recover_publication(const std::filesystem::path& out);

// True when `out` holds a journal, i.e. a publication that was interrupted after its commit point
// and not yet recovered (readers refuse such a folder with the fix: rerun the program).
bool publication_pending(const std::filesystem::path& out);

}  // namespace qmlr::experiments
