package io.liaison.benchmark.broker;

/**
 * Published on-demand prices, US East (N. Virginia), USD; eu-central-1 (the template's default region)
 * is some 10-20 % dearer. Each with where it was read and when: see docs/performance.md.
 */
public record Prices(double lambdaPerGbSecond, double lambdaPerMillionRequests, double dynamoPerMillionWrites,
                     double dynamoPerMillionReads, double sqsPerMillionRequests, double httpApiPerMillionRequests,
                     double kmsPerMillionRequests) {
    /**
     * Lambda arm64, the template's architecture (first 7.5 billion GB-s a month; x86_64 is $0.0000166667)
     * and requests: aws.amazon.com/lambda/pricing.
     * DynamoDB on-demand since the price cut of 2024-11-01: aws.amazon.com/dynamodb/pricing/on-demand.
     * SQS standard (after the free first million): aws.amazon.com/sqs/pricing.
     * API Gateway HTTP API (first 300 million a month): aws.amazon.com/api-gateway/pricing.
     * KMS symmetric key requests (GenerateDataKey, Decrypt), $0.03 per 10,000: aws.amazon.com/kms/pricing.
     */
    public static Prices usEast1() {
        return new Prices(0.0000133334, 0.20, 0.625, 0.125, 0.40, 1.00, 3.00);
    }
}
