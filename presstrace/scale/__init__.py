"""Beyond one machine: the same pipeline as Dask tasks over input shards, into Parquet.

`shards` cuts the inputs, `task` analyses one shard into Parquet files of the store's
tables, `engine` runs the tasks on a Dask cluster, `load` brings the shards into the
SQLite store, `cli` adds `ingest --engine dask` and `presstrace load`.
"""
