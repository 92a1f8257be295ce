#include "connector/app/connector_main.h"

int main(int argc, char** argv) { return nmshd::connector::RunConnectorMain(argc, argv); }
