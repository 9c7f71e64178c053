#pragma once
// The tidy output tables of `qplr` (one measurement per row; accuracies in %):
//   teacher.csv      paper,dataset,seed,metric,value,paper_value,train_size,test_size
//   labels.csv       paper,dataset,seed,labels,metric,value,paper_value,train_size
//   robustness.csv   paper,dataset,method,sigma,rotation,clipped,seed,metric,value,train_size,
//   calibration.csv  test_size,student_epochs          (accuracy | ece, nll, brier)
//   attacks.csv      paper,dataset,method,attack,epsilon,seed,metric,value,train_size,attack_images
//   reliability.csv  paper,dataset,method,seed,bin,lower,upper,metric,value,train_size,test_size
//                    (clean test set; count | accuracy, confidence)
//   sensitivity.csv  paper,dataset,method,student_epochs,input_scaling,noise_space,sigma,
//                    rotation,clipped,seed,metric,value,train_size,test_size
// paper_value is empty where the paper gives none.
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/csv.hpp"
#include "experiments/qplr/evaluation.hpp"
#include "experiments/qplr/pipeline.hpp"

namespace qmlr::qplr {

struct TableRowContext {
    const DatasetData& data;
    std::uint64_t seed;
};

class TeacherTable {
public:
    explicit TeacherTable(std::filesystem::path path);
    // paper_value < 0: none.
    void add(const TableRowContext& row, const std::string& metric, double value, double paper_value = -1.0);
    void commit() { writer_.commit(); }

private:
    CsvWriter writer_;
};

class LabelsTable {
public:
    explicit LabelsTable(std::filesystem::path path);
    void add(const TableRowContext& row, const std::string& labels, const std::string& metric, double value,
             double paper_value);
    void commit() { writer_.commit(); }

private:
    CsvWriter writer_;
};

class ConditionTable {
public:
    explicit ConditionTable(std::filesystem::path path);
    void add(const TableRowContext& row, const std::string& method, int epochs, const Condition& condition,
             const std::string& metric, double value);
    void commit() { writer_.commit(); }

private:
    CsvWriter writer_;
};

class AttackTable {
public:
    explicit AttackTable(std::filesystem::path path);
    void add(const TableRowContext& row, const std::string& method, const std::string& attack, double epsilon,
             std::size_t images, const std::string& metric, double value);
    void commit() { writer_.commit(); }

private:
    CsvWriter writer_;
};

class ReliabilityTable {
public:
    explicit ReliabilityTable(std::filesystem::path path);
    // Bin b of the clean-test reliability diagram: count, accuracy (%) and mean confidence (%).
    void add(const TableRowContext& row, const std::string& method, std::size_t bin,
             const metrics::ReliabilityBin& values);
    void commit() { writer_.commit(); }

private:
    CsvWriter writer_;
};

class SensitivityTable {
public:
    explicit SensitivityTable(std::filesystem::path path);
    void add(const TableRowContext& row, const std::string& method, int epochs, const std::string& scaling,
             const std::string& noise_space, const Condition& condition, const std::string& metric, double value);
    void commit() { writer_.commit(); }

private:
    CsvWriter writer_;
};

}  // namespace qmlr::qplr
